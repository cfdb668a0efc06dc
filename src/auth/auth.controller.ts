import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthService } from './auth.service.js';
import { CreateUserDto, LoginDto, TokenDto, UserDto } from './dto/auth.dto.js';
import { type Actor, Allow, CurrentActor, ROLES } from './roles.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @HttpCode(200)
  @Allow('public')
  @ApiOperation({ summary: 'Exchange email and password for a bearer token' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins from this account or address' })
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<TokenDto> {
    return this.auth.login(dto.email, dto.password, request.ip);
  }

  @Get('auth/me')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.auth.me(actor);
  }

  @Get('users')
  @Allow('admin')
  @ApiOperation({ summary: 'List user accounts' })
  listUsers(): Promise<UserDto[]> {
    return this.auth.listUsers();
  }

  @Post('users')
  @Allow('admin')
  @ApiOperation({ summary: 'Create a user account' })
  createUser(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.auth.createUser(dto);
  }
}
