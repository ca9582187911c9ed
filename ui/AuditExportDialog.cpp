#include "AuditExportDialog.h"

#include "WrappedLabel.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace pos::ui {

namespace {

constexpr int Width = 560;

SecretBytes takeText(QLineEdit* field)
{
    QByteArray utf8 = field->text().toUtf8();
    field->clear();
    return SecretBytes::takeFrom(utf8);
}

} // namespace

AuditExportDialog::AuditExportDialog(AuditExporter& exporter, Session session, QWidget* parent)
    : QDialog(parent), m_exporter(exporter), m_session(std::move(session))
{
    setObjectName(QStringLiteral("auditExportDialog"));
    setWindowTitle(tr("Export the audit log"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new WrappedLabel(
        tr("Writes every row of this store's audit log to two files: a bundle (.posaudit) that "
           "anyone can check with nothing but the file, and a table (.csv) for people. The "
           "export is itself recorded in the log."),
        Width, this));

    auto* form = new QGridLayout;
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("folderEdit"));
    m_folder->setAccessibleName(tr("Folder for the files"));
    m_folder->setText(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    m_choose = new QPushButton(tr("C&hoose…"), this);
    m_choose->setObjectName(QStringLiteral("chooseButton"));
    m_choose->setAutoDefault(false);
    auto* folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_folder);
    form->addWidget(folderLabel, 0, 0);
    form->addWidget(m_folder, 0, 1);
    form->addWidget(m_choose, 0, 2);

    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("totpField"));
    m_code->setAccessibleName(tr("Code from your authenticator app"));
    m_code->setMaxLength(8);
    m_code->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,8}")), m_code));
    m_code->setContextMenuPolicy(Qt::NoContextMenu);
    m_code->setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    auto* codeLabel = new QLabel(tr("&Code from your authenticator app:"), this);
    codeLabel->setBuddy(m_code);
    form->addWidget(codeLabel, 1, 0);
    form->addWidget(m_code, 1, 1, 1, 2);
    form->setColumnStretch(1, 1);
    layout->addLayout(form);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setAccessibleName(tr("Export progress"));
    m_progress->hide();
    layout->addWidget(m_progress);
    m_error = WrappedLabel::errorLabel(QStringLiteral("exportError"), Width, this);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("Export (Enter)"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setProperty("role", QStringLiteral("primary"));
    m_cancel = buttons->addButton(tr("Cancel (Esc)"), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAutoDefault(false);
    m_export->setDefault(true);
    layout->addWidget(buttons);

    connect(m_choose, &QPushButton::clicked, this, &AuditExportDialog::chooseFolder);
    connect(m_export, &QPushButton::clicked, this, &AuditExportDialog::runExport);
    connect(m_cancel, &QPushButton::clicked, this, &AuditExportDialog::reject);
    m_code->setFocus(Qt::OtherFocusReason);
}

void AuditExportDialog::setDirectory(const QString& directory)
{
    m_folder->setText(QDir::toNativeSeparators(directory));
}

void AuditExportDialog::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the audit export"),
                                                          m_folder->text());
    if (!dir.isEmpty())
        setDirectory(dir);
}

void AuditExportDialog::reject()
{
    if (m_busy) {
        m_cancelled = true; // the progress callback stops the export; nothing is left behind
        m_cancel->setEnabled(false);
        return;
    }
    QDialog::reject();
}

void AuditExportDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget* w : std::initializer_list<QWidget*>{m_folder, m_choose, m_code, m_export})
        w->setEnabled(!busy);
    m_cancel->setEnabled(true);
    m_progress->setVisible(busy);
}

void AuditExportDialog::runExport()
{
    if (m_busy)
        return;
    m_error->hide();
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        m_error->showError(tr("Choose a folder that exists for the files."));
        m_folder->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (m_code->text().isEmpty()) {
        m_error->showError(tr("Type the code from your authenticator app."));
        m_code->setFocus(Qt::OtherFocusReason);
        return;
    }
    auto planned = m_exporter.plannedFiles(folder);
    if (!planned) {
        m_error->showError(planned.error().message);
        return;
    }
    QStringList existing;
    for (const QString& path : {planned->bundlePath, planned->csvPath})
        if (QFileInfo::exists(path))
            existing << QDir::toNativeSeparators(path);
    if (!existing.isEmpty() &&
        QMessageBox::question(
            this, tr("Replace the files?"),
            tr("These files are there already:\n%1\nReplace them?").arg(existing.join(u'\n')),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;

    const SecretBytes code = takeText(m_code);
    m_cancelled = false;
    setBusy(true);
    m_progress->setRange(0, 0);
    auto written = m_exporter.exportTo(m_session, code, folder, [this](qint64 done, qint64 total) {
        // Thousands of rows, so a long chain fits the bar's int range.
        m_progress->setRange(0, static_cast<int>(std::min<qint64>(total / 1000 + 1, 1 << 30)));
        m_progress->setValue(static_cast<int>(std::min<qint64>(done / 1000, 1 << 30)));
        QCoreApplication::processEvents(); // paints the bar; Cancel and Esc work
        return !m_cancelled;
    });
    setBusy(false);
    if (!written) {
        if (m_cancelled)
            m_error->showError(tr("The export was cancelled. No files were written."));
        else
            m_error->showError(written.error().message);
        m_code->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_files = *written;
    accept();
}

} // namespace pos::ui
