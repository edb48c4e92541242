#ifndef ENGROSS_CLIBXML2_SHIM_H
#define ENGROSS_CLIBXML2_SHIM_H
// xmlversion.h first, then switch ICU off: libxml2's ICU headers clash with Foundation's bundled ICU.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/relaxng.h>
#include <libxml/xmlIO.h>
#endif
