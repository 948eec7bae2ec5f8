import type { MultipartFile } from '@fastify/multipart';
import { Type } from '@fastify/type-provider-typebox';
import { findDistrict } from '../../db/accounts.ts';
import { listImportRuns } from '../../db/imports.ts';
import { importOneRoster } from '../../ingest/oneroster/index.ts';
import { importOutcomes } from '../../ingest/outcomes/index.ts';
import { scopeOf } from '../plugins/auth.ts';
import { Problem } from '../problem.ts';
import { ImportReport, ImportRun, Items, problems } from '../schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

const OutcomeImportReport = Type.Object({
  ...ImportReport.properties,
  changes: Type.Object({
    inserted: Type.Integer({ description: 'figures new to Trellis' }),
    updated: Type.Integer({ description: 'figures that replaced another value for the same school, outcome and period' }),
    unchanged: Type.Integer({ description: 'figures already there with the same value' }),
  }),
});

export function importRoutes(app: Api, { db }: RouteContext): void {
  app.post(
    '/api/imports/oneroster',
    {
      config: { access: ACCESS.districtAdmin },
      schema: {
        tags: ['imports'],
        summary: "Import a OneRoster zip into your district (multipart: field `file`, optional field `strict=true`)",
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new Problem(415, 'Send the OneRoster zip as multipart/form-data in the field "file".');
      let strict = false;
      let bytes: Buffer | null = null;
      for await (const part of request.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } })) {
        if (part.type === 'file') {
          if (part.fieldname === 'file') bytes = await readUpload(part);
          else await part.toBuffer();
        } else if (part.fieldname === 'strict') {
          strict = part.value === 'true';
        }
      }
      if (!bytes || bytes.length === 0) throw new Problem(400, 'Attach the OneRoster zip in the field "file".');

      // The admin's own district, whatever the zip says: an admin cannot import into another district.
      const district = await findDistrict(db, scopeOf(request).districtId);
      if (!district) throw new Error(`district ${scopeOf(request).districtId} of a signed-in account is missing`);
      return importOneRoster(db, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), {
        strict,
        districtSourcedId: district.sourcedId,
      });
    },
  );

  app.post(
    '/api/imports/outcomes',
    {
      config: { access: ACCESS.districtAdmin },
      schema: {
        tags: ['imports'],
        summary: 'Import outcomes by school and period, a CSV of school,outcome,period,value[,denominator] (multipart: field `file`); all or nothing',
        consumes: ['multipart/form-data'],
        response: { 200: OutcomeImportReport, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new Problem(415, 'Send the outcomes CSV as multipart/form-data in the field "file".');
      let bytes: Buffer | null = null;
      for await (const part of request.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } })) {
        if (part.type !== 'file') continue;
        if (part.fieldname === 'file') bytes = await readUpload(part);
        else await part.toBuffer();
      }
      if (!bytes || bytes.length === 0) throw new Problem(400, 'Attach the outcomes CSV in the field "file".');
      const district = await findDistrict(db, scopeOf(request).districtId);
      if (!district) throw new Error(`district ${scopeOf(request).districtId} of a signed-in account is missing`);
      return importOutcomes(db, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), { districtSourcedId: district.sourcedId });
    },
  );

  app.get(
    '/api/imports',
    {
      config: { access: ACCESS.districtAdmin },
      schema: { tags: ['imports'], summary: "Your district's recent imports, newest first", response: { 200: Items(ImportRun), ...problems(401, 403) } },
    },
    async (request) => ({ items: await listImportRuns(db, scopeOf(request).districtId) }),
  );
}

async function readUpload(part: MultipartFile): Promise<Buffer> {
  try {
    return await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new Problem(413, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    }
    throw error;
  }
}
