import { describe, expect, it } from 'vitest';
import { checkRecordLayout } from '../server/sim/network/parcelPool';

describe('plug-flow record layouts', () => {
  it('refuses a field outside its record, where (i << shift) | field would land in another record', () => {
    expect(() => checkRecordLayout('pool', 1, { PARCEL_MASS: 0, PARCEL_X: 2 })).toThrow(
      'pool.PARCEL_X: offset 2 is outside the record of 2',
    );
    expect(() => checkRecordLayout('ring', 2, { OFFSET: -1 })).toThrow('ring.OFFSET: offset -1 is outside the record of 4');
  });

  it('refuses two fields on one offset', () => {
    expect(() => checkRecordLayout('ring', 2, { OFFSET: 0, CAPACITY: 1, HEAD: 1 })).toThrow(
      'ring.HEAD: offset 1 is taken by another field',
    );
  });

  it('accepts a layout whose fields are distinct and inside the record', () => {
    expect(() => checkRecordLayout('ring', 2, { OFFSET: 0, CAPACITY: 1, HEAD: 2, COUNT: 3 })).not.toThrow();
  });
});
