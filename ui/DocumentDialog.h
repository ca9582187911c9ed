#pragma once

#include "DocumentView.h"

#include <QDialog>

class QLabel;

namespace pos::ui {

// A document core formatted, shown after something finished: a headline in big letters (the
// change due, the drawer over or short), the document in a DocumentView, Print…, Save as PDF…
// and one default button that closes it (Enter or Esc). The receipt and the shift reports are
// this dialog with their own words.
class DocumentDialog : public QDialog {
    Q_OBJECT
public:
    struct Content {
        QString name;         // object names: <name>Dialog, <name>Text, <name>DoneButton, ...
        QString title;        // window title
        QString headline;     // big text above the document
        QString headlineRole; // its style sheet role
        QString text;         // the document
        DocumentView::Names names;
        QString doneText; // the default button
    };

    explicit DocumentDialog(const Content& content, QWidget* parent = nullptr);

    QString text() const { return m_document->text(); }
    QLabel* headline() const { return m_headline; }

private:
    DocumentView* m_document = nullptr;
    QLabel* m_headline = nullptr;
};

} // namespace pos::ui
