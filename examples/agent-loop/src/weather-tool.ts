import type { ToolCall, ToolDefinition } from '@stratum/core';

export const weatherTool: ToolDefinition = {
  name: 'get_weather',
  description: 'The current temperature (°C) and sky in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};

export interface Weather {
  city: string;
  celsius: number;
  sky: string;
}

/** A fixed table stands in for a weather service, so the example needs no second API. */
export const WEATHER: Record<string, Omit<Weather, 'city'>> = {
  Paris: { celsius: 14, sky: 'cloudy' },
  Lisbon: { celsius: 21, sky: 'sunny' },
  Oslo: { celsius: 3, sky: 'snow' },
};

/** Runs a call of the tool; a city it does not know is an error the model is told about. */
export function runWeatherTool(call: ToolCall): { content: string; isError: boolean } {
  const args = call.arguments;
  const city = typeof args === 'object' && args !== null && 'city' in args ? args.city : undefined;
  const known = typeof city === 'string' ? WEATHER[city] : undefined;
  if (call.name !== weatherTool.name || typeof city !== 'string' || !known) {
    const cities = Object.keys(WEATHER).join(', ');
    return { content: `No weather for ${JSON.stringify(args)}; known: ${cities}`, isError: true };
  }
  const weather: Weather = { city, ...known };
  return { content: JSON.stringify(weather), isError: false };
}
