/** The chi-square p-value against known answers (tables of the chi-square distribution; df 2 has the closed form e^(-x/2)). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquare, chiSquareSurvival } from './uniformity.js';

describe('chiSquareSurvival', () => {
  it('matches the critical values of the chi-square table', () => {
    const near = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);
    near(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-9);
    near(chiSquareSurvival(10.827566170662733, 1), 0.001, 1e-9);
    near(chiSquareSurvival(43.820195964517, 19), 0.001, 1e-7);
    near(chiSquareSurvival(30.143527205646, 19), 0.05, 1e-7);
    for (const x of [0.1, 1, 5, 20]) near(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-8);
    assert.equal(chiSquareSurvival(0, 3), 1);
    assert.ok(Number.isNaN(chiSquareSurvival(1, 0)));
  });

  it('computes Pearson’s statistic for equal and given expectations', () => {
    assert.equal(chiSquare([50, 50]), 0);
    assert.equal(chiSquare([60, 40]), 4);
    assert.equal(chiSquare([30, 70], [25, 75]), 1 + 1 / 3);
  });
});
