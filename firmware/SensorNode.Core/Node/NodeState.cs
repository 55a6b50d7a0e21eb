namespace SensorNode.Core.Node
{
    /// <summary>The node's states. Numbers, with <see cref="Name"/> giving the protocol text (health "state").</summary>
    public static class NodeState
    {
        /// <summary>Just constructed; the first tick loads the configuration.</summary>
        public const int Boot = 0;

        /// <summary>No valid configuration: only the serial provisioning session runs; nothing is measured.</summary>
        public const int Provisioning = 1;

        /// <summary>Measuring and queueing; the IP link is down (reconnect with back-off).</summary>
        public const int NoNetwork = 2;

        /// <summary>Measuring and queueing; network up, broker unreachable (reconnect with back-off).</summary>
        public const int NoBroker = 3;

        /// <summary>Measuring and publishing; every sensor works.</summary>
        public const int Running = 4;

        /// <summary>Measuring and publishing, but at least one sensor failed in the last window.</summary>
        public const int Degraded = 5;

        public static string Name(int state)
        {
            switch (state)
            {
                case Boot: return "boot";
                case Provisioning: return "provisioning";
                case NoNetwork: return "no_network";
                case NoBroker: return "no_broker";
                case Running: return "running";
                case Degraded: return "degraded";
                default: return "unknown";
            }
        }
    }

    /// <summary>A snapshot of the runtime for the serial session's status query and for tests. Filled in place.</summary>
    public sealed class NodeStatus
    {
        public int State;
        public string StateName;

        /// <summary>State changes since boot.</summary>
        public int Transitions;

        /// <summary>Why the last state change happened (a constant text, no secrets).</summary>
        public string LastTransitionReason;

        /// <summary>Monotonic ms of the last state change.</summary>
        public long LastTransitionMs;

        public long UptimeMs;
        public uint BootCount;
        public uint NextSequence;
        public int SensorStatus;
        public bool TimeSynced;
        public int QueueDepth;
        public int QueueCapacity;
        public uint Dropped;
        public int Reconnects;
        public int NetworkAttempts;
        public int BrokerAttempts;
        public int CyclesCompleted;
        public int CycleRestarts;
        public int SupervisorReboots;
        public int AlarmLevel;
        public int ActiveAlarms;
        public bool BaselineLearning;
        public int InboundDropped;
        public string LastError;
    }
}
