import { z } from 'zod';
import { goString } from './go-json.js';

// CreateFolderCommand (pkg/services/folder/model.go).
export const createFolderBody = z.object({
  uid: goString,
  title: goString,
  description: goString,
  parentUid: goString,
});
export type CreateFolderCommand = z.output<typeof createFolderBody>;
