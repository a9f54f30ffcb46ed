import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { codecCorsOrigins } from '../../../../libs/config/codec-config';
import { registerCodecCors } from './codec-cors';
import { CodecController } from './codec.controller';
import { CodecApi } from './codec.api';

@Module({ controllers: [CodecController], providers: [CodecApi] })
export class CodecModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    registerCodecCors(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), codecCorsOrigins());
  }
}
