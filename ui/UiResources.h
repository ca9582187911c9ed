#pragma once

class QApplication;

namespace pos::ui {

// Loads the embedded resources of posui (icon, counter style sheet) and applies them.
class UiResources {
public:
    static void init();
    static void applyCounterStyle(QApplication& app);
};

} // namespace pos::ui
