#include "DocumentDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos::ui {

DocumentDialog::DocumentDialog(const Content& content, QWidget* parent) : QDialog(parent)
{
    setObjectName(content.name + QStringLiteral("Dialog"));
    setWindowTitle(content.title);
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    m_headline = new QLabel(content.headline, this);
    m_headline->setObjectName(content.name + QStringLiteral("Headline"));
    m_headline->setProperty("role", content.headlineRole);
    m_headline->setAlignment(Qt::AlignCenter);
    m_headline->setWordWrap(true);
    layout->addWidget(m_headline);

    m_document = new DocumentView(content.text, content.names, this);
    m_document->view()->setObjectName(content.name + QStringLiteral("Text"));
    layout->addWidget(m_document, 1);

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* done = m_document->addButtonsTo(buttons, content.doneText,
                                                 content.name + QStringLiteral("DoneButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &DocumentDialog::accept);
    layout->addWidget(buttons);
    done->setFocus();
}

} // namespace pos::ui
