import { choiceOption, integerOption, notBoth, numberOption, parseCommandArgs, requiredOption, singlePositional } from '../src/args';
import { UsageError } from '../src/command';
import { parseLiverSeed } from '../src/commands/detectorOptions';

describe('shared option parsing', () => {
  it('turns parseArgs errors into UsageErrors with Node’s message', () => {
    expect(() => parseCommandArgs(['--colour', 'red'], { out: { type: 'string' } })).toThrow(UsageError);
    expect(() => parseCommandArgs(['--colour', 'red'], { out: { type: 'string' } })).toThrow(/Unknown option '--colour'/);
    expect(() => parseCommandArgs(['folder'], { out: { type: 'string' } })).toThrow(/Unexpected argument 'folder'/);
    const parsed = parseCommandArgs(['folder', '--out', 'x'], { out: { type: 'string' }, quiet: { type: 'boolean', default: false } }, { positionals: true });
    expect(parsed.positionals).toEqual(['folder']);
    expect(parsed.values).toEqual({ out: 'x', quiet: false });
  });

  it('checks whole numbers against their range, naming the option and the value', () => {
    expect(integerOption('count', undefined, 1, 10)).toBeUndefined();
    expect(integerOption('count', ' 7 ', 1, 10)).toBe(7);
    expect(() => integerOption('count', '11', 1, 10)).toThrow('--count must be between 1 and 10, got 11');
    expect(() => integerOption('filter-px', '0', 1)).toThrow('--filter-px must be ≥ 1, got 0');
    expect(() => integerOption('filter-px', '2.5', 1)).toThrow('--filter-px must be a whole number ≥ 1, got "2.5"');
    expect(() => integerOption('count', 'many', 1, 10)).toThrow(/--count must be a whole number between 1 and 10/);
  });

  it('checks decimal numbers against their minimum', () => {
    expect(numberOption('filter-mm2', '12.5', 0)).toBe(12.5);
    expect(() => numberOption('filter-mm2', '-1', 0)).toThrow('--filter-mm2 must be a number ≥ 0, got "-1"');
    expect(() => numberOption('filter-mm2', '', 0)).toThrow(UsageError);
    expect(() => numberOption('filter-mm2', 'big', 0)).toThrow(UsageError);
  });

  it('lists the allowed words when a choice is wrong', () => {
    expect(choiceOption('liver', 'truth', ['truth', 'automatic'])).toBe('truth');
    expect(() => choiceOption('split', 'dev', ['test', 'validation', 'train', 'all'])).toThrow('--split must be test, validation, train or all, not "dev"');
  });

  it('requires options, exactly one positional, and refuses exclusive pairs', () => {
    expect(() => requiredOption(undefined, '--out DIR')).toThrow('--out DIR is required');
    expect(requiredOption('a', '--out DIR')).toBe('a');
    expect(() => singlePositional([], 'DICOM folder')).toThrow('the DICOM folder is missing');
    expect(() => singlePositional(['a', 'b'], 'DICOM folder')).toThrow('one DICOM folder expected, got 2');
    expect(() => notBoth({ 'liver-seg': 's.dcm', 'liver-seed': '1,2,3' }, 'liver-seg', 'liver-seed')).toThrow('give --liver-seg or --liver-seed, not both');
    expect(() => notBoth({ 'liver-seg': 's.dcm' }, 'liver-seg', 'liver-seed')).not.toThrow();
  });

  it('reads a liver seed as three LPS numbers', () => {
    expect(parseLiverSeed('-40,10,5')).toEqual([-40, 10, 5]);
    expect(() => parseLiverSeed('1,2')).toThrow('--liver-seed must be three numbers x,y,z (LPS mm), not "1,2"');
  });
});
