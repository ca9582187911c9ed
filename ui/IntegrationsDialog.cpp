#include "IntegrationsDialog.h"

#include "WrappedLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace pos::ui {

namespace {
constexpr int TextWidth = 760;
constexpr int FormWidth = 480;
constexpr int MaxTyped = 2048; // core says the real limit per field

enum Column { IntegrationCol, FieldCol, StoredCol, ColumnCount };

// Overwrites a string's characters in place (when nothing else shares them) before it goes.
void wipe(QString& text)
{
    std::fill(text.begin(), text.end(), QChar(0));
    text.clear();
}
} // namespace

IntegrationsDialog::IntegrationsDialog(CredentialVault& vault, Session session, QWidget* parent)
    : QDialog(parent), m_vault(vault), m_session(std::move(session))
{
    setObjectName(QStringLiteral("integrationsDialog"));
    setWindowTitle(tr("Integrations"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new WrappedLabel(
        tr("The credentials this register uses to talk to other services. Each is sealed on its "
           "own with a key kept in the system keychain and is never shown again: secrets as "
           "dots, addresses by their last characters at most."),
        TextWidth, this));

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("integrationsTable"));
    m_table->setAccessibleName(tr("Integration credentials"));
    m_table->setHorizontalHeaderLabels({tr("Integration"), tr("Field"), tr("Stored")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setMinimumSize(TextWidth, 480); // every field of every integration at once
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &IntegrationsDialog::updateButtons);
    connect(m_table, &QTableWidget::itemActivated, this, &IntegrationsDialog::setCredential);
    layout->addWidget(m_table, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("integrationsStatus"));
    m_status->setProperty("role", QStringLiteral("small"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_error = WrappedLabel::errorLabel(QStringLiteral("integrationsError"), TextWidth, this);
    layout->addWidget(m_error);

    auto* row = new QHBoxLayout;
    layout->addLayout(row);
    m_set = addAction(tr("Set… (Ctrl+S)"), QStringLiteral("setCredentialButton"),
                      QKeySequence(Qt::CTRL | Qt::Key_S), &IntegrationsDialog::setCredential);
    m_clear = addAction(tr("Clear… (Delete)"), QStringLiteral("clearCredentialButton"),
                        QKeySequence(Qt::Key_Delete), &IntegrationsDialog::clearCredential);
    m_test = addAction(tr("Test (Ctrl+T)"), QStringLiteral("testCredentialButton"),
                       QKeySequence(Qt::CTRL | Qt::Key_T), &IntegrationsDialog::testCredential);
    for (QPushButton* b : {m_set, m_clear, m_test})
        row->addWidget(b);

    auto* buttons = new QDialogButtonBox(this);
    auto* close = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("closeIntegrationsButton"));
    close->setMinimumHeight(56);
    close->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &IntegrationsDialog::reject);
    layout->addWidget(buttons);

    refresh();
    m_table->setFocus();
}

QPushButton* IntegrationsDialog::addAction(const QString& text, const QString& objectName,
                                           const QKeySequence& key,
                                           void (IntegrationsDialog::*slot)())
{
    auto* button = new QPushButton(text, this);
    button->setObjectName(objectName);
    button->setShortcut(key);
    button->setAutoDefault(false);
    button->setMinimumHeight(56);
    connect(button, &QPushButton::clicked, this, slot);
    return button;
}

SecretBytes IntegrationsDialog::take(QLineEdit* edit)
{
    QString text = edit->text();
    edit->setText(QString()); // also drops the edit's undo history
    QByteArray bytes = text.toUtf8();
    wipe(text); // the edit no longer shares it, so this overwrites the characters themselves
    return SecretBytes::takeFrom(bytes);
}

QString IntegrationsDialog::storedText(const CredentialFieldState& field) const
{
    if (!field.isSet)
        return tr("Not set");
    const QString when = field.setAt.toLocalTime().date().toString(Qt::ISODate);
    QString text = tr("%1 (set %2 by %3)").arg(field.masked, when, field.setBy);
    if (field.unreadable)
        text += QLatin1Char(' ') + tr("— does not open with this register's field key");
    return text;
}

void IntegrationsDialog::refresh()
{
    const Row* current = selected();
    const QString keepIntegration = current ? current->integration : QString();
    const QString keepField = current ? current->field.field : QString();
    m_table->setRowCount(0);
    m_rows.clear();
    auto list = m_vault.list(m_session);
    if (!list) {
        m_status->setText(tr("Nothing to show."));
        showError(list.error().message);
        updateButtons();
        return;
    }
    int setCount = 0;
    for (const IntegrationState& integration : std::as_const(*list)) {
        for (const CredentialFieldState& field : integration.fields) {
            m_rows.append(Row{integration.name, integration.label, field});
            const int r = m_table->rowCount();
            m_table->insertRow(r);
            const QStringList cells{integration.label, field.label, storedText(field)};
            for (int col = 0; col < ColumnCount; ++col) {
                auto* item = new QTableWidgetItem(cells.at(col));
                if (!field.isSet)
                    item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
                if (col == FieldCol)
                    item->setToolTip(field.secret ? tr("Secret: shown only as dots.")
                                                  : tr("Not secret: its last characters show."));
                m_table->setItem(r, col, item);
            }
            if (field.isSet)
                ++setCount;
            if (integration.name == keepIntegration && field.field == keepField)
                m_table->selectRow(r);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    if (!selected() && !m_rows.isEmpty())
        m_table->selectRow(0);
    m_status->setText(tr("%n credential(s) set.", nullptr, setCount));
    updateButtons();
}

const IntegrationsDialog::Row* IntegrationsDialog::selected() const
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_rows.size() || m_table->selectedItems().isEmpty())
        return nullptr;
    return &m_rows.at(row);
}

void IntegrationsDialog::updateButtons()
{
    const Row* r = selected();
    m_set->setEnabled(r != nullptr);
    m_clear->setEnabled(r && r->field.isSet);
    m_test->setEnabled(r && r->field.isSet);
}

void IntegrationsDialog::showDone(const QString& message)
{
    m_error->hide();
    refresh();
    m_status->setText(message);
}

void IntegrationsDialog::showError(const QString& message)
{
    m_error->showError(message);
}

void IntegrationsDialog::setCredential()
{
    const Row* r = selected();
    if (!r)
        return;
    const Row row = *r;
    m_error->hide();

    QDialog form(this);
    form.setObjectName(QStringLiteral("setCredentialForm"));
    form.setWindowTitle(tr("Set %1").arg(row.field.label));
    form.setModal(true);
    auto* layout = new QVBoxLayout(&form);
    const QString what = tr("the %1 of %2").arg(row.field.label, row.integrationLabel);
    QString hint =
        row.field.secret
            ? tr("Paste or type %1. It is sealed at once and not shown again, here or anywhere "
                 "else; Test checks that it opens.")
                  .arg(what)
            : tr("Type %1. It is sealed like a secret; the list shows its last characters.")
                  .arg(what);
    if (row.field.isSet)
        hint +=
            QLatin1Char(' ') +
            tr("It replaces the value set %1 by %2.")
                .arg(row.field.setAt.toLocalTime().date().toString(Qt::ISODate), row.field.setBy);
    layout->addWidget(new WrappedLabel(hint, FormWidth, &form));
    auto* fields = new QFormLayout;
    layout->addLayout(fields);
    auto* edit = new QLineEdit(&form);
    edit->setObjectName(QStringLiteral("credentialEdit"));
    edit->setAccessibleName(row.field.label);
    edit->setEchoMode(row.field.secret ? QLineEdit::NoEcho : QLineEdit::Normal);
    edit->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                              Qt::ImhNoAutoUppercase);
    edit->setMaxLength(MaxTyped);
    edit->setMinimumWidth(FormWidth / 2);
    fields->addRow(row.field.label, edit);
    auto* typed = new QLabel(&form);
    typed->setObjectName(QStringLiteral("credentialTyped"));
    typed->setProperty("role", QStringLiteral("small"));
    if (row.field.secret) {
        // No echo at all: say only whether something is there.
        typed->setText(tr("Nothing typed yet."));
        connect(edit, &QLineEdit::textChanged, typed, [typed](const QString& text) {
            typed->setText(text.isEmpty() ? tr("Nothing typed yet.")
                                          : tr("Something is typed (not shown)."));
        });
        layout->addWidget(typed);
    }
    auto* error = WrappedLabel::errorLabel(QStringLiteral("formError"), FormWidth, &form);
    layout->addWidget(error);

    auto* buttons = new QDialogButtonBox(&form);
    auto* ok = new QPushButton(tr("Seal and save (Enter)"), buttons);
    ok->setObjectName(QStringLiteral("formOkButton"));
    ok->setProperty("role", QStringLiteral("primary"));
    buttons->addButton(ok, QDialogButtonBox::AcceptRole);
    ok->setDefault(true);
    buttons->addButton(tr("Cancel (Esc)"), QDialogButtonBox::RejectRole)->setAutoDefault(false);
    for (QAbstractButton* b : buttons->buttons())
        b->setMinimumHeight(56);
    connect(buttons, &QDialogButtonBox::accepted, &form, [&] {
        error->hide();
        const SecretBytes value = take(edit); // the edit is empty again after every try
        if (auto s = m_vault.set(m_session, row.integration, row.field.field, value); !s) {
            error->showError(s.error().message);
            edit->setFocus();
            return;
        }
        form.accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, &form, &QDialog::reject);
    layout->addWidget(buttons);
    edit->setFocus();
    const bool saved = form.exec() == QDialog::Accepted;
    if (!edit->text().isEmpty()) // cancelled with something typed
        take(edit);
    activateWindow();
    m_table->setFocus();
    if (saved)
        showDone(tr("%1 is sealed and saved.").arg(WrappedLabel::sentence(what)));
}

void IntegrationsDialog::clearCredential()
{
    const Row* r = selected();
    if (!r || !r->field.isSet)
        return;
    const Row row = *r;
    const QString what = tr("the %1 of %2").arg(row.field.label, row.integrationLabel);
    QMessageBox box(QMessageBox::Question, tr("Clear %1").arg(row.field.label),
                    tr("Clear %1? It cannot be shown or brought back; %2 stops working until it "
                       "is set again.")
                        .arg(what, row.integrationLabel),
                    QMessageBox::Yes | QMessageBox::No, this);
    box.setObjectName(QStringLiteral("clearCredentialConfirm"));
    box.button(QMessageBox::Yes)->setText(tr("Clear"));
    box.button(QMessageBox::No)->setText(tr("Keep it (Esc)"));
    box.setDefaultButton(QMessageBox::No);
    box.setEscapeButton(QMessageBox::No);
    const bool yes = box.exec() == QMessageBox::Yes;
    activateWindow();
    m_table->setFocus();
    if (!yes)
        return;
    if (auto s = m_vault.clear(m_session, row.integration, row.field.field); !s) {
        showError(s.error().message);
        return;
    }
    showDone(tr("%1 is cleared.").arg(WrappedLabel::sentence(what)));
}

// Opens the value the way an integration would (an audited use) and says only whether it opened.
void IntegrationsDialog::testCredential()
{
    const Row* r = selected();
    if (!r || !r->field.isSet)
        return;
    const Row row = *r;
    m_error->hide();
    const QString what = tr("the %1 of %2").arg(row.field.label, row.integrationLabel);
    auto s = m_vault.use(m_session, row.integration, row.field.field,
                         [](const SecretBytes& value) -> Status {
                             if (value.isEmpty())
                                 return fail(ErrorCode::WrongKeyOrDamaged,
                                             QStringLiteral("the stored value is empty"));
                             return {};
                         });
    if (!s) {
        showError(s.error().message);
        return;
    }
    m_status->setText(
        tr("%1 opens with this register's field key.").arg(WrappedLabel::sentence(what)));
}

} // namespace pos::ui
