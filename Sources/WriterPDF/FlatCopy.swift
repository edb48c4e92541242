import CPangoCairo

extension PDFWriter {
    /// Every page of a PDF at its own size, printed as a viewer prints it: form fields and other
    /// printable annotations drawn into the page's content, so the copy has no fields left (a
    /// filled form's `--flatten`). The creation and modification dates are `options.date`.
    public func flatCopy(of file: ExhibitFile, options: Options = Options()) throws(RenderError) -> [UInt8] {
        guard file.pageCount > 0 else { throw RenderError(reason: "the PDF has no pages") }
        let first = file.pageSize(0)
        let canvas = PDFCanvas(width: first.width, height: first.height)
        canvas.setMetadata(CAIRO_PDF_METADATA_CREATOR, "Engross")
        canvas.setMetadata(CAIRO_PDF_METADATA_CREATE_DATE, options.date + "T00:00:00")
        canvas.setMetadata(CAIRO_PDF_METADATA_MOD_DATE, options.date + "T00:00:00")
        for index in 0..<file.pageCount {
            let (width, height) = file.pageSize(index)
            cairo_pdf_surface_set_size(canvas.surface, width, height)
            file.draw(page: index, on: canvas.context, box: (0, 0, width, height))
            canvas.showPage()
        }
        let (bytes, status) = canvas.finish()
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError(reason: String(cString: cairo_status_to_string(status)))
        }
        return bytes
    }
}
