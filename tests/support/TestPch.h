// Precompiled for every test executable of one kind (tests/CMakeLists.txt): the Qt and standard
// headers nearly every test includes. Only third-party headers here, so a change to our own code
// never rebuilds the precompiled header. Tests still include what they use.
#pragma once

#include <QtTest/QtTest>

#include <QByteArray>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QSignalSpy>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>
