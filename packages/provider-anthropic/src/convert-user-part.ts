import type {
  DocumentBlockParam,
  ImageBlockParam,
  TextBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import { type ImageSource, InvalidRequestError, type UserContentPart } from '@stratum/core';

type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

function isImageMediaType(value: string): value is ImageMediaType {
  return (
    value === 'image/jpeg' ||
    value === 'image/png' ||
    value === 'image/gif' ||
    value === 'image/webp'
  );
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** A `data:` URL becomes base64 data; the API fetches only real URLs. */
function normalizeSource(source: ImageSource): ImageSource {
  if (source.type !== 'url') return source;
  const match = DATA_URL.exec(source.url);
  if (!match?.[1] || match[2] === undefined) return source;
  return { type: 'base64', mediaType: match[1], data: match[2] };
}

/**
 * Converts one user content part to a Messages API block: images
 * (https://platform.claude.com/docs/en/build-with-claude/vision) as base64 or URL sources, PDFs
 * and plain text as `document` blocks (https://platform.claude.com/docs/en/build-with-claude/pdf-support).
 */
export function convertUserPart(
  part: UserContentPart,
  where: string,
): TextBlockParam | ImageBlockParam | DocumentBlockParam | undefined {
  switch (part.type) {
    case 'text':
      return part.text === '' ? undefined : { type: 'text', text: part.text };
    case 'image': {
      const source = normalizeSource(part.source);
      if (source.type === 'url') return { type: 'image', source: { type: 'url', url: source.url } };
      if (!isImageMediaType(source.mediaType)) {
        throw new InvalidRequestError(
          `The image at ${where} is ${source.mediaType}; Anthropic accepts image/jpeg, image/png, image/gif and image/webp. Convert it first.`,
          { provider: 'anthropic' },
        );
      }
      return {
        type: 'image',
        source: { type: 'base64', media_type: source.mediaType, data: source.data },
      };
    }
    case 'file':
      return convertFile(part, where);
  }
}

function convertFile(
  part: Extract<UserContentPart, { type: 'file' }>,
  where: string,
): DocumentBlockParam {
  const source = normalizeSource(part.source);
  const title = part.filename === undefined ? {} : { title: part.filename };
  if (part.mediaType === 'application/pdf') {
    if (source.type === 'url')
      return { type: 'document', source: { type: 'url', url: source.url }, ...title };
    return {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: source.data },
      ...title,
    };
  }
  if (part.mediaType === 'text/plain' && source.type === 'base64') {
    return {
      type: 'document',
      source: {
        type: 'text',
        media_type: 'text/plain',
        data: Buffer.from(source.data, 'base64').toString('utf8'),
      },
      ...title,
    };
  }
  throw new InvalidRequestError(
    `The file at ${where} is ${part.mediaType}${source.type === 'url' ? ' by URL' : ''}; Anthropic accepts PDFs (base64 or URL) and plain text (base64) as documents.`,
    { provider: 'anthropic' },
  );
}
