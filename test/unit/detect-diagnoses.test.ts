import { describe, expect, it } from 'vitest';
import { diagnosisMatches, distinctDiagnoses, findDiagnoses } from '../../src/core/diagnoses';

const dx = (text: string) => findDiagnoses(text).map((h) => h.code);

describe('findDiagnoses', () => {
  it.each([
    ['M54.50', ['M54.50']],
    ['Dx: M54.59 Other low back pain', ['M54.59']],
    ['M79.18, M62.830', ['M79.18', 'M62.830']],
    ['M54.50/M54.59', ['M54.50', 'M54.59']],
    ['(S39.012A)', ['S39.012A']],
    ['Z3A.20', ['Z3A.20']],
    ['Diagnosis: M5450', ['M54.50']],
    ['Dx codes: M5450, M7918; M62830', ['M54.50', 'M79.18', 'M62.830']],
    ['ICD-10-CM: M5459', ['M54.59']],
    ['Diagnosis 1: M545', ['M54.5']],
    ['HI*ABK:M5450*ABF:M7918*ABF:M62830~', ['M54.50', 'M79.18', 'M62.830']],
    ['HI*ABK>M5450~', ['M54.50']],
  ])('finds %j', (text, expected) => {
    expect(dx(text)).toEqual(expected);
  });

  it.each([
    'W123456789', 'Member ID: W123456789', 'A1C 7.2', 'HbA1c', 'Plan code H1234-001', 'H1234.001', 'M5450', 'Claim M5450',
    'Version V2.10', 'R2D.2', 'E1A.2', 'Room B12', 'ICD-10', 'CMS-1500', 'G0283', 'POS 11', 'NCD 30.3.3', 'LCD L34682',
    'Dx: M54.5.1', 'm54.50', 'XM54.50', '1M54.50', 'M54.50.3', 'CLM-M54.50', '$M54.50', 'M54.50-1', 'M54.501234',
    'Diagnosis: W123456789', 'Diagnosis pointer: 1,2', 'a.M54.50',
  ])('never fires on %j', (text) => {
    expect(findDiagnoses(text)).toEqual([]);
  });

  it('trusts undotted codes at the start of a cell labelled as diagnoses', () => {
    expect(dx('M5450')).toEqual([]);
    expect(findDiagnoses('M5450', { label: 'Diagnosis' }).map((h) => h.code)).toEqual(['M54.50']);
    expect(findDiagnoses('A: M5459  B: M62830', { label: '21. Diagnosis' }).map((h) => h.code)).toEqual(['M54.59', 'M62.830']);
    expect(findDiagnoses('W123456789', { label: 'Dx' })).toEqual([]);
    expect(findDiagnoses('M5450', { label: 'Member ID' })).toEqual([]);
    expect(findDiagnoses('Claim H1234 M5450', { label: 'Diagnosis' })).toEqual([]);
  });

  it('reports positions', () => {
    const text = 'Dx 1: M54.50  Dx 2: M62.830';
    expect(findDiagnoses(text).map((h) => text.slice(h.start, h.end))).toEqual(['M54.50', 'M62.830']);
  });

  it('distinctDiagnoses sorts and dedupes', () => {
    expect(distinctDiagnoses(findDiagnoses('M79.18 M54.50 M79.18'))).toEqual(['M54.50', 'M79.18']);
  });

  it.each([
    ['M54.50', 'M54.5*', true],
    ['M54.50', 'M54.50', true],
    ['M54.59', 'M54.50', false],
    ['M79.18', 'M54.*', false],
  ])('diagnosisMatches(%j, %j) is %j', (code, pattern, result) => {
    expect(diagnosisMatches(code, pattern)).toBe(result);
  });
});
