/**
 * A story for a scenario that has no story file yet, so the picker can present every scenario: the whole city,
 * its main plant, a winter day in a minute and the before/after comparison. Built from the scenario itself (its
 * main plant); it says nothing the simulation does not show, and its only figures are bound ones
 * (shared/story/boundText.ts). Names come from the scenario and are shown as they are.
 */
import type { Scenario } from '../../../shared/scenario/schema';
import type { Story } from '../../../shared/story/schema';

export function defaultStory(s: Scenario): Story {
  const main = s.plants.find((p) => p.main) ?? s.plants[0];
  return {
    scenario: s.id,
    title: s.name,
    chapters: [
      {
        title: s.name,
        caption: `${s.location.name}: {scenario.buildingCount} buildings on one district heating network, {now.heatDemandMW} of heat demand now.`,
        camera: { focus: { city: true } },
        kpis: ['heatDemandMW', 'wasteHeatSharePct', 'outdoorC'],
        view: 'actual',
        expect: [],
      },
      {
        title: main.name,
        caption: "The plant that holds the network's pressure, delivering {now.heatDeliveredMW} now.",
        camera: { focus: { plant: main.id } },
        kpis: ['heatDeliveredMW', 'cop', 'electricityMW'],
        view: 'actual',
        expect: [],
      },
      {
        title: 'A day in a minute',
        caption: 'The simulated clock runs a day in a minute: watch demand follow the weather and the time of day.',
        camera: { focus: { city: true }, headingDeg: 40 },
        speed: 1440,
        kpis: ['heatDemandMW', 'wasteHeatSharePct', 'co2TonnesPerH'],
        view: 'actual',
        expect: [],
      },
      {
        title: 'Before and after',
        caption: `The same heat from the baseline, ${s.baseline.name}, against this city: {year.baselineCo2Tonnes} of CO₂ against {year.co2Tonnes} in a simulated year.`,
        camera: { focus: { city: true } },
        kpis: [],
        view: 'compare',
        expect: [],
      },
    ],
  };
}
