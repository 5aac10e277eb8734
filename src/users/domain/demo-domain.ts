/** The domain of the demo accounts' addresses (admin@demo.example, …), shown on the sign-in page. */
export const DEMO_DOMAIN = 'demo.example';
