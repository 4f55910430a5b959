import { expect, it } from 'vitest';
import { defineTrialPart } from '../support/fault-trials.ts';

defineTrialPart(1, it, expect);
