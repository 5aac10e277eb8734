import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'thuky@demo.example' })
  @IsEmail({}, { message: 'email không đúng định dạng' })
  @MaxLength(254, { message: 'email quá dài' })
  email: string;

  @ApiProperty({ example: 'demo-pilot-06' })
  @IsString({ message: 'password phải là chuỗi' })
  @MinLength(1, { message: 'password không được để trống' })
  @MaxLength(256, { message: 'password quá dài' })
  password: string;
}
