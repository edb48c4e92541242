#ifndef ENGROSS_CQPDF_SHIM_H
#define ENGROSS_CQPDF_SHIM_H
#include <qpdf/qpdf-c.h>
#endif
