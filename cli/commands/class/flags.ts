import { InvalidArgumentError, Option } from 'commander';
import { parseShard } from '../../class/class-config.js';
import { nonEmptyPath } from '../flags/values.js';

export interface DirFlags {
  dir: string;
}

export const shard = (value: string) => {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

export const dirOption = () =>
  new Option('--dir <folder>', 'the class folder (`class init` writes it)')
    .default('class')
    .env('WORKSHOP_CLASS_DIR')
    .argParser(nonEmptyPath);

/** Each class subcommand's --help ends, as every command's, with its examples and exit codes. */
export const classCodes = {
  usage:
    '2    bad usage: an unreadable roster, duplicate names, a bad URL, --shard, --host or port; no class in --dir',
  upstream:
    '3    the class Prometheus (or Docker, or your Grafana) could not do its part, or a port is taken',
};
