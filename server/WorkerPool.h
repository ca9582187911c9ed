#pragma once

#include <QObject>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace pos::server {

// A fixed set of threads, each with a worker of its own (T: one PostgreSQL connection and the
// handlers on it, see ServerWorker), taking jobs from one queue in arrival order. A job runs on
// whichever worker is free; its result is handed to `done` on the thread of `context` (pos-syncd's
// event loop), never on the worker's. The queue is bounded: submit() refuses a job when
// MaxQueued are waiting, so a flood is answered "busy" at once instead of piling up bodies in
// memory. The destructor lets the running jobs finish, drops the waiting ones (their `done` is
// never called) and joins the threads.
template <class T> class WorkerPool {
public:
    static constexpr std::size_t MaxQueued = 512;

    WorkerPool(std::vector<std::unique_ptr<T>> workers, QObject* context)
        : m_workers(std::move(workers)), m_context(context)
    {
        m_threads.reserve(m_workers.size());
        for (auto& worker : m_workers)
            m_threads.emplace_back([this, w = worker.get()] { run(*w); });
    }

    ~WorkerPool()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
            m_queue.clear();
        }
        m_wake.notify_all();
        for (auto& thread : m_threads)
            thread.join();
    }

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // work runs on a worker thread; done(result) then runs on the context's thread, unless the
    // context is gone by then. False (and nothing runs) when the queue is full.
    template <class R> bool submit(std::function<R(T&)> work, std::function<void(R)> done)
    {
        auto job = [work = std::move(work), done = std::move(done),
                    context = m_context](T& worker) mutable {
            auto result = std::make_shared<R>(work(worker));
            QMetaObject::invokeMethod(
                context, [done, result] { done(std::move(*result)); }, Qt::QueuedConnection);
        };
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping || m_queue.size() >= MaxQueued)
                return false;
            m_queue.emplace_back(std::move(job));
        }
        m_wake.notify_one();
        return true;
    }

private:
    void run(T& worker)
    {
        for (;;) {
            std::function<void(T&)> job;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
                if (m_stopping)
                    return;
                job = std::move(m_queue.front());
                m_queue.pop_front();
            }
            job(worker);
        }
    }

    std::vector<std::unique_ptr<T>> m_workers;
    QObject* m_context; // outlives the pool (SyncServer owns it)
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void(T&)>> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace pos::server
