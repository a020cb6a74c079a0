import { describe, expect, it } from 'vitest';
import { exercise1 } from '../../exercises/exercise-1/exercise.js';
import { promqlExerciseSchema } from '../../exercises/schema.js';
import { unearnable } from './unearnable.js';

const { checks } = promqlExerciseSchema.parse(exercise1);

describe('unearnable: the points a stack without a service cannot give', () => {
  it('names the checks that need cAdvisor and have no native form (D/3), with their points', () => {
    const notes = unearnable(checks, { cadvisor: 'cAdvisor is not installed' }, 'native');
    expect(notes).toEqual([
      'step D/3 (1 point) needs the compose stack: cAdvisor is not installed; this native stack cannot earn it',
    ]);
  });

  it('says nothing when every service runs', () => {
    expect(unearnable(checks, {}, 'compose')).toEqual([]);
  });
});
