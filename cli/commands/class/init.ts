import type { Command } from 'commander';
import { initClass } from '../../class/class-dir.js';
import { readRoster } from '../../class/roster.js';
import type { Context } from '../../context.js';
import { exitCodeLines as codes, helpFooter } from '../flags/help.js';
import { nonEmptyPath } from '../flags/values.js';
import { classCodes, type DirFlags, dirOption, shard } from './flags.js';

/** `workshop class init`: the instructor's Prometheus config and learner list from a roster. */
export function register(cmd: Command, ctx: Context): void {
  cmd
    .command('init')
    .description(
      "write the instructor's Prometheus config and the learner list from a roster (again after editing it: no restart)",
    )
    .requiredOption(
      '--roster <file>',
      'YAML: learners, each a name and, to federate, their Prometheus URL',
      nonEmptyPath,
    )
    .addOption(dirOption())
    .option(
      '--shard <i/n>',
      'keep only the learners that hash to shard i of n (several instructor servers)',
      shard,
    )
    .addHelpText(
      'after',
      helpFooter(
        ['workshop class init --roster roster.yaml', 'workshop class init --roster school.yaml --shard 0/3'],
        [codes.ok, classCodes.usage],
      ),
    )
    .action(async (flags: DirFlags & { roster: string; shard?: { index: number; count: number } }) => {
      const roster = await readRoster(flags.roster);
      const r = await initClass(flags.dir, roster, flags.shard);
      ctx.stdout.write(
        `class in ${flags.dir}: ${r.federated} learners federated, ${r.pushing} pushing (workshop up --report-to)${flags.shard ? `, shard ${flags.shard.index}/${flags.shard.count}` : ''}\n`,
      );
    });
}
