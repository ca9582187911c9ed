#pragma once

#include <QWidget>

class QDialogButtonBox;
class QPlainTextEdit;
class QPrinter;
class QPushButton;

namespace pos::ui {

// A plain-text document core formatted (a receipt, an X or Z report) in a monospace read-only
// view, with Print… (any printer Qt knows) and Save as PDF…. Receipt and report dialogs embed it
// and add its two buttons beside their own.
class DocumentView final : public QWidget {
    Q_OBJECT
public:
    // How the document is named: in the print queue and the PDF ("Receipt 7"), in the
    // suggested file name ("receipt-7.pdf"), and in the print and save dialogs' titles.
    struct Names {
        QString docName;
        QString fileName;
        QString printTitle;
        QString saveTitle;
    };

    DocumentView(const QString& text, Names names, QWidget* parent = nullptr);

    QString text() const { return m_text; }
    QPlainTextEdit* view() const { return m_view; }
    // Adds "Print…" (printButton), "Save as PDF…" (pdfButton) and the dialog's own default
    // button (doneText, doneName; it accepts the dialog) to the dialog's button box.
    QPushButton* addButtonsTo(QDialogButtonBox* buttons, const QString& doneText,
                              const QString& doneName);

public slots:
    void print();
    void saveAsPdf();

private:
    void render(QPrinter& printer) const;

    QString m_text;
    Names m_names;
    QPlainTextEdit* m_view = nullptr;
};

} // namespace pos::ui
