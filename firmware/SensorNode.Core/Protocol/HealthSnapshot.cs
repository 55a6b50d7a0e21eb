namespace SensorNode.Core.Protocol
{
    /// <summary>The node's own health (published on .../health). Filled in place by the runtime; encoded without allocating.</summary>
    public sealed class HealthSnapshot
    {
        /// <summary>UTC Unix ms when taken (json: "ts").</summary>
        public long TimestampUnixMs;

        public bool TimeSynced;

        /// <summary>Seconds since boot (json: "uptime").</summary>
        public long UptimeSeconds;

        /// <summary>Boot counter, the same as in birth and status (json: "boot").</summary>
        public uint BootCount;

        /// <summary>Free managed heap, bytes (json: "freeMem").</summary>
        public uint FreeMemoryBytes;

        /// <summary>Wi-Fi signal, dBm; 0 when not applicable (json: "rssi").</summary>
        public int RssiDbm;

        /// <summary>Records waiting in the store-and-forward queue (json: "queue").</summary>
        public int QueueDepth;

        /// <summary>Capacity of that queue (json: "queueCap").</summary>
        public int QueueCapacity;

        /// <summary>Records dropped because the queue was full, since boot (json: "dropped").</summary>
        public long DroppedCount;

        /// <summary>Broker reconnects since boot (json: "reconnects").</summary>
        public int Reconnects;

        /// <summary>Last error, short text without secrets; null when none (json: "lastError").</summary>
        public string LastError;

        /// <summary>Inbound config/commands rejected for missing, wrong or replayed signatures (json: "rejected": {...}).</summary>
        public int RejectedUnsigned;
        public int RejectedBadSignature;
        public int RejectedReplayed;

        /// <summary>Node state, e.g. "running", "degraded", "no_network", "no_broker", "provisioning" (json: "state").</summary>
        public string State;

        /// <summary>Sensor status bits as MeasurementRecord.Status* (json: "st").</summary>
        public int SensorStatus;

        /// <summary>State transitions since boot (json: "transitions").</summary>
        public int Transitions;

        /// <summary>Why the last transition happened, short text without secrets; null when unknown (json: "reason").</summary>
        public string TransitionReason;

        /// <summary>The node's memory plan, peak bytes (NodeMemoryPlan.PeakBytes); 0 when unknown (json: "memPlan").</summary>
        public int MemoryPlanBytes;

        /// <summary>Sum of all signature rejections.</summary>
        public int RejectedSignatures => RejectedUnsigned + RejectedBadSignature + RejectedReplayed;
    }
}
