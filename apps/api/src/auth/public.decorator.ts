import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'isPublic';
/** Anonymous users may call this route; a token, when sent, still identifies the caller. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
