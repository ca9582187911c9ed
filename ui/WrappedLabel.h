#pragma once

#include <QLabel>

namespace pos::ui {

// A word-wrapped label of a fixed width whose height always fits its text. A top-level dialog
// does not ask its labels' height-for-width, so plain wrapped labels get cut off (seen under
// Xvfb); this one sets its own height whenever its text or its style sheet font changes.
class WrappedLabel final : public QLabel {
    Q_OBJECT
public:
    WrappedLabel(const QString& text, int width, QWidget* parent = nullptr);
    void setWrappedText(const QString& text);

    // A hidden red label where a dialog shows core's refusal (objectName for tests).
    static WrappedLabel* errorLabel(const QString& objectName, int width, QWidget* parent);
    // Shows core's message as a sentence, beeps, and lets the dialog grow to fit it.
    void showError(const QString& message);

    // Core's messages start in lower case ("the discount ... is more than ..."); shown on their
    // own they read as a sentence.
    static QString sentence(const QString& message);

protected:
    bool event(QEvent* e) override;

private:
    void fit();
};

} // namespace pos::ui
