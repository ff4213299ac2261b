/**
 * How presentation mode writes its figures: a difference below zero turns its label and shows its magnitude
 * ("Fuel burnt more 427.3 MWh", never "Fuel saved -427.3 MWh"), and a bound figure reads from its period's
 * source and is labelled with that period.
 */
import { describe, expect, it } from 'vitest';
import { figurePeriodText, figureValue, type FigureSources } from '../../client/src/story/boundFigures';
import { kpiCard } from '../../client/src/story/kpiText';
import { dateTimeToS } from '../../server/sim/calendar';
import type { YearFigures } from '../../shared/story/yearFigures';
import { kpiSample } from '../fixtures/kpiSample';

describe('KPI cards', () => {
  it('turn the words of a difference below zero, not its sign', () => {
    expect(kpiCard('fuelSavedMWh', -427.3)).toEqual({ label: 'Fuel burnt more', text: '427.3 MWh' });
    expect(kpiCard('fuelSavedMWh', 427.3)).toEqual({ label: 'Fuel saved', text: '427.3 MWh' });
    expect(kpiCard('costSavedEur', -111_230)).toEqual({ label: 'Cost more', text: '€ 111,230' });
    expect(kpiCard('co2AvoidedTonnes', -2.5)).toEqual({ label: 'CO₂ emitted more', text: '2.5 t' });
    expect(kpiCard('districtNetExportMWh', -3)).toEqual({ label: 'District imported', text: '3.0 MWh' });
  });

  it('keep the sign of figures that are not differences, and say "off" for a stopped heat pump', () => {
    expect(kpiCard('outdoorC', -8.25)).toEqual({ label: 'Outdoors', text: '-8.3 °C' });
    expect(kpiCard('cop', 0)).toEqual({ label: 'Heat-pump COP', text: 'off' });
  });
});

describe('bound figures', () => {
  const kpi = kpiSample({
    simTimeS: dateTimeToS('2025-01-21T10:00'),
    totalsFromS: dateTimeToS('2025-01-20T06:00'),
    heatDemandMW: 12.5,
    co2Tonnes: 40,
  });
  const year = { scenario: 's', from: '2025-01-01', days: 365, stepS: 300, seed: 1, values: { co2Tonnes: 11_172 } } as unknown as YearFigures;
  const sources: FigureSources = { kpi, year, facts: null };

  it('read each period from its own source', () => {
    expect(figureValue({ period: 'now', key: 'heatDemandMW' }, sources)).toBe(12.5);
    expect(figureValue({ period: 'sinceStart', key: 'co2Tonnes' }, sources)).toBe(40);
    expect(figureValue({ period: 'year', key: 'co2Tonnes' }, sources)).toBe(11_172);
    // Not arrived yet: shown as "…", never as a number.
    expect(figureValue({ period: 'scenario', key: 'buildingCount' }, sources)).toBeNull();
    expect(figureValue({ period: 'now', key: 'heatDemandMW' }, { ...sources, kpi: null })).toBeNull();
  });

  it('are labelled with their period', () => {
    expect(figurePeriodText({ period: 'now', key: 'heatDemandMW' }, sources)).toBe('now');
    expect(figurePeriodText({ period: 'sinceStart', key: 'co2Tonnes' }, sources)).toBe('since Mon 06:00');
    expect(figurePeriodText({ period: 'year', key: 'co2Tonnes' }, sources)).toBe('simulated year');
    expect(figurePeriodText({ period: 'year', key: 'co2Tonnes' }, { ...sources, year: { ...year, days: 7 } })).toBe('simulated 7 days');
    expect(figurePeriodText({ period: 'scenario', key: 'buildingCount' }, sources)).toBe('design');
  });
});
