// The overview chart: filled in by the overview page.
