#pragma once

#include <QLabel>

namespace pos::ui {

// The message strip under the scan field: red for errors (core's message, with a beep), calm for
// information ("Sale held"). Hidden when there is nothing to say.
class Banner final : public QLabel {
    Q_OBJECT
public:
    explicit Banner(QWidget* parent = nullptr);
    void showError(const QString& message);
    void showInfo(const QString& message);
    void clear();
    bool isError() const;

private:
    void show(const QString& message, const QString& kind);
};

} // namespace pos::ui
