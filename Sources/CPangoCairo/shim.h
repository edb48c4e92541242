#ifndef ENGROSS_CPANGOCAIRO_SHIM_H
#define ENGROSS_CPANGOCAIRO_SHIM_H
#include <pango/pangocairo.h>
#include <cairo/cairo-pdf.h>
#include <poppler/glib/poppler.h>

/// PANGO_SCALE as a value Swift can read.
static inline int engross_pango_scale(void) { return PANGO_SCALE; }

/// g_object_unref without the gpointer dance.
static inline void engross_object_unref(void *object) { g_object_unref(object); }
#endif
