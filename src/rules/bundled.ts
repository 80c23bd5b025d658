// The shipped rules, bundled from rules/*.json. build.mjs has already checked
// them against the schema; they are parsed again here so defaults are applied
// exactly as for imported rules.
import aetna from '../../rules/aetna.json';
import appeals from '../../rules/appeals.json';
import bcbs from '../../rules/bcbs.json';
import checklist from '../../rules/checklist.json';
import cigna from '../../rules/cigna.json';
import medicaid from '../../rules/medicaid.json';
import medicare from '../../rules/medicare.json';
import portals from '../../rules/portals.json';
import uhc from '../../rules/uhc.json';
import unknown from '../../rules/unknown.json';
import { RuleSetSchema, type RuleSet } from '../core/rules-schema';

export function bundledRules(): RuleSet {
  return RuleSetSchema.parse({
    payers: [aetna, cigna, uhc, bcbs, medicare, medicaid],
    unknown,
    checklist,
    appeals,
    portals,
  });
}
