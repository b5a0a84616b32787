#pragma once

#include <QString>
#include <QTemporaryDir>

// A fresh, empty data folder for one test (a configuration file, a SQLite database, logs), removed at the end.
// With SWITCHYARD_KEEP_TEST_DATA=1 in the environment a folder whose test failed is kept and its path is
// printed; with SWITCHYARD_KEEP_TEST_DATA=always every folder is kept. Create it inside the test function (or
// init()) so that "failed" refers to that test.
class TempDataDir
{
public:
    TempDataDir();
    ~TempDataDir();

    TempDataDir(const TempDataDir &) = delete;
    TempDataDir &operator=(const TempDataDir &) = delete;

    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    // The absolute path of `name` inside the folder (the file need not exist).
    QString file(const QString &name) const;
    // Writes `contents` to `name` inside the folder; returns its path (fails the test's QVERIFY on false).
    QString writeFile(const QString &name, const QByteArray &contents) const;

private:
    QTemporaryDir m_dir;
};
