import { describe, expect, it } from '@jest/globals';
import { functionNameOf } from './functionRef';

describe('functionNameOf', () => {
  it.each([
    ['getExpense', 'getExpense'],
    ['getExpense:live', 'getExpense'],
    ['000000000000:function:getExpense', 'getExpense'],
    ['arn:aws:lambda:eu-west-1:000000000000:function:getExpense', 'getExpense'],
    ['arn:aws:lambda:eu-west-1:000000000000:function:getExpense:$LATEST', 'getExpense'],
  ])('reads %s as %s', (ref, name) => {
    expect(functionNameOf(ref)).toBe(name);
  });
});
