import { expect, it } from 'vitest';
import { defineTrialPart } from '../support/fault-trials.ts';

defineTrialPart(4, it, expect);
