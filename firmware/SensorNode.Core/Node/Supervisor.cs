namespace SensorNode.Core.Node
{
    /// <summary>What supervision asks for.</summary>
    public static class SupervisorAction
    {
        public const int None = 0;

        /// <summary>Re-initialise the measurement cycle (sensors re-configured, buffers reset).</summary>
        public const int RestartCycle = 1;

        /// <summary>Restarts did not help: reboot (counted and persisted before it happens).</summary>
        public const int Reboot = 2;
    }

    /// <summary>
    /// Detects a stuck measurement cycle from the monotonic clock: no completed cycle for <c>stuckAfterMs</c>,
    /// a cycle still running after that long, or a completed cycle that took that long. The first detections
    /// restart the cycle; after <c>maxRestarts</c> consecutive detections with no healthy cycle in between it asks for
    /// a reboot. Only measurement progress counts: network and broker state are not looked at, so an absent
    /// network can never cause a reboot.
    /// Thread-safe: the device's watchdog thread may call <see cref="Check"/> while the runtime thread is inside a cycle.
    /// </summary>
    public sealed class Supervisor
    {
        private readonly object _lock = new object();
        private readonly long _stuckAfterMs;
        private readonly int _maxRestarts;
        private bool _armed;
        private bool _inCycle;
        private long _cycleStartMs;
        private long _lastProgressMs;
        private int _consecutive;

        public Supervisor(long stuckAfterMs, int maxRestarts)
        {
            if (stuckAfterMs < 1000 || maxRestarts < 0)
            {
                throw new System.ArgumentOutOfRangeException("stuckAfterMs");
            }

            _stuckAfterMs = stuckAfterMs;
            _maxRestarts = maxRestarts;
        }

        public long StuckAfterMs => _stuckAfterMs;

        /// <summary>Stuck cycles detected since boot.</summary>
        public int Detections { get; private set; }

        /// <summary>Cycle restarts asked for since boot.</summary>
        public int Restarts { get; private set; }

        /// <summary>Detections since the last healthy cycle.</summary>
        public int Consecutive
        {
            get
            {
                lock (_lock)
                {
                    return _consecutive;
                }
            }
        }

        /// <summary>Starts supervising (from the moment measurement begins); the bound counts from <paramref name="nowMs"/>.</summary>
        public void Arm(long nowMs)
        {
            lock (_lock)
            {
                _armed = true;
                _inCycle = false;
                _lastProgressMs = nowMs;
            }
        }

        /// <summary>Stops supervising (provisioning mode, waiting for configuration).</summary>
        public void Disarm()
        {
            lock (_lock)
            {
                _armed = false;
                _inCycle = false;
            }
        }

        public void CycleStarted(long nowMs)
        {
            lock (_lock)
            {
                _inCycle = true;
                _cycleStartMs = nowMs;
            }
        }

        /// <summary>A cycle finished; one that took longer than the bound counts as stuck (returns the action to take).</summary>
        public int CycleCompleted(long nowMs)
        {
            lock (_lock)
            {
                _inCycle = false;
                if (_armed && nowMs - _cycleStartMs >= _stuckAfterMs)
                {
                    _lastProgressMs = nowMs;
                    return Detect();
                }

                _lastProgressMs = nowMs;
                _consecutive = 0;
                return SupervisorAction.None;
            }
        }

        /// <summary>Periodic check (runtime thread each tick, and the device's watchdog thread).</summary>
        public int Check(long nowMs)
        {
            lock (_lock)
            {
                if (!_armed)
                {
                    return SupervisorAction.None;
                }

                long since = _inCycle ? _cycleStartMs : _lastProgressMs;
                if (nowMs - since < _stuckAfterMs)
                {
                    return SupervisorAction.None;
                }

                // Give the restarted cycle a full bound before judging it again.
                _lastProgressMs = nowMs;
                _cycleStartMs = nowMs;
                return Detect();
            }
        }

        private int Detect()
        {
            Detections++;
            _consecutive++;
            if (_consecutive > _maxRestarts)
            {
                return SupervisorAction.Reboot;
            }

            Restarts++;
            return SupervisorAction.RestartCycle;
        }
    }
}
