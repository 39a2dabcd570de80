"""The municipality's own look, NL Design System style: design tokens (CSS custom
properties for colours, font, logo and focus) in one theme stylesheet per municipality,
static/css/themes/<THEME>.css. The components in static/css/site.css use only the
tokens, so a municipality changes its look by choosing (or adding) a theme, never by
editing the components."""

from .environment import env

# The token sets shipped: a neutral default and one municipality's.
THEMES = {
    "neutral": "css/themes/neutral.css",
    "zwolle": "css/themes/zwolle.css",
}
THEME = env("THEME", default="neutral")
