import CPangoCairo
import PDFFinishing

extension PDFWriter {
    /// Every page of a PDF at its own size, printed as a viewer prints it: form fields and other
    /// printable annotations drawn into the page's content, so the copy has no fields left (a
    /// filled form's `--flatten`). The creation and modification dates are `options.date`; `title`
    /// names the copy in its metadata, and each page is a figure named by it ("Form I-000, page 1
    /// of 2").
    public func flatCopy(of file: ExhibitFile, title: String, options: Options = Options()) throws(RenderError) -> [UInt8] {
        guard file.pageCount > 0 else { throw RenderError(reason: "the PDF has no pages") }
        let first = file.pageSize(0)
        let canvas = PDFCanvas(width: first.width, height: first.height)
        canvas.beginTag("Document")
        for index in 0..<file.pageCount {
            let (width, height) = file.pageSize(index)
            canvas.setPageSize(width: width, height: height)
            canvas.tagged("Figure", alternateText: "\(title), page \(index + 1) of \(file.pageCount)") {
                file.draw(page: index, on: canvas.context, box: (0, 0, width, height))
            }
            canvas.showPage()
        }
        canvas.endTag("Document")
        return try finish(canvas, PDFFinisher.Plan(title: title, date: options.date, archival: options.archival)).bytes
    }
}
