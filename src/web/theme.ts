import { createTheme, defaultVariantColorsResolver, parseThemeColor, type CSSVariablesResolver, type VariantColorsResolver } from '@mantine/core';

// Text on "light" variants (badges, alerts) defaults to a mid shade that falls below
// 4.5:1 on its tinted background; darken it past shade 9 while keeping the hue.
const readableLightVariants: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return colors;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  return { ...colors, color: `color-mix(in srgb, var(--mantine-color-${parsed.color}-9) 75%, black)` };
};

// Shade 8 of blue keeps links and filled buttons above 4.5:1 contrast on white.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 4 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  focusRing: 'auto',
  variantColorResolver: readableLightVariants,
});

// Mantine's default dimmed grey is below 4.5:1 on white; use a darker one.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
