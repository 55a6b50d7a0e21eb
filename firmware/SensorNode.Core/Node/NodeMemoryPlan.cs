using SensorNode.Core.Config;
using SensorNode.Core.Features;
using SensorNode.Core.Provisioning;
using SensorNode.Core.Queue;

namespace SensorNode.Core.Node
{
    /// <summary>
    /// The managed-heap bytes the whole node allocates for a configuration and a board memory class: the DSP
    /// pipeline (<see cref="MemoryPlan"/>), the runtime's encode buffer and inbound mailbox, the store-and-forward
    /// queue (RAM ring and flash-spill segment), the shared config workspace and the config slots; plus, while
    /// someone talks to the serial line, the provisioning session's line and response buffers. Array payloads
    /// plus a fixed allowance for the node's small objects (<see cref="ObjectAllowanceBytes"/>). Computed without
    /// allocating a buffer, so a board profile or a config push can be checked before it is applied.
    /// docs/memory.md has the table per board.
    /// </summary>
    public sealed class NodeMemoryPlan
    {
        /// <summary>A board without PSRAM (ESP32-WROOM, PICO): about 50–80 KB of managed heap for everything.</summary>
        public const int ClassSmall = 0;

        /// <summary>A board with PSRAM (WROVER, S3 N8R8): megabytes of managed heap.</summary>
        public const int ClassPsram = 1;

        /// <summary>RAM ring of the queue on a small board; longer outages spill to flash.</summary>
        public const int SmallQueueRamRecords = 4;

        /// <summary>RAM ring cap with PSRAM (the config's capacity up to this).</summary>
        public const int PsramQueueRamRecords = 4096;

        /// <summary>The runtime's own encode buffer when its config source is not NodeServices (which lends its
        /// config workspace instead).</summary>
        public const int PayloadBufferBytes = 4096;

        /// <summary>Messages the inbound mailbox (MQTT thread → runtime thread) holds at most.</summary>
        public const int InboundMessages = 4;

        /// <summary>Room in the mailbox beyond one config document: the desired-config envelope (ctr, sig) and a
        /// few signed commands queued behind it.</summary>
        public const int InboxExtraBytes = 512;

        /// <summary>
        /// The node's objects that are not counted one by one: NodeConfig copies, measurement records, acks and
        /// field-error lists, settings, alarm engine, command parser, topic strings, the pipeline's analyzers.
        /// Measured on .NET: 18.4 KB beyond the buffers for every board (tests/SensorNode.Boards.Tests,
        /// NodeMemoryPlanTests), rounded up. nanoFramework stores every field in a 12-byte heap block and strings
        /// as UTF-8, so the device figure is of the same order; confirm with GC.Run(true) (docs/memory.md).
        /// </summary>
        public const int ObjectAllowanceBytes = 19456;

        public int MemoryClass;

        /// <summary>The DSP pipeline (sample buffers, FFT tables, work buffer).</summary>
        public int PipelineBytes;

        /// <summary>Inbound mailbox (the encode buffer is the config workspace's).</summary>
        public int RuntimeBufferBytes;

        /// <summary>RAM ring + flash-spill segment buffer.</summary>
        public int QueueBytes;

        /// <summary>Shared config workspace (document, slots, acks, encode buffer) + parser.</summary>
        public int ConfigBytes;

        /// <summary>Small objects, see <see cref="ObjectAllowanceBytes"/>.</summary>
        public int ObjectBytes;

        /// <summary>Line and response buffers while the serial session is active (released when idle).</summary>
        public int ProvisioningBytes;

        /// <summary>Records the RAM ring holds.</summary>
        public int QueueRamRecords;

        /// <summary>Largest config document the node accepts.</summary>
        public int MaxDocumentBytes;

        /// <summary>Bytes held all the time.</summary>
        public int SteadyBytes
        {
            get { return PipelineBytes + RuntimeBufferBytes + QueueBytes + ConfigBytes + ObjectBytes; }
        }

        /// <summary>Bytes held while someone provisions over serial (the worst case).</summary>
        public int PeakBytes
        {
            get { return SteadyBytes + ProvisioningBytes; }
        }

        /// <summary>True when the peak fits <paramref name="heapBytes"/> less <paramref name="reserveBytes"/>
        /// (networking, TLS, M2Mqtt threads, strings).</summary>
        public bool FitsIn(int heapBytes, int reserveBytes)
        {
            return PeakBytes <= heapBytes - reserveBytes;
        }

        /// <summary>Largest config document for a memory class.</summary>
        public static int DocumentBytes(int memoryClass)
        {
            return memoryClass == ClassPsram ? ConfigCodec.MaxDocumentBytes : ConfigWorkspace.SmallDocumentBytes;
        }

        /// <summary>Longest config string for a memory class.</summary>
        public static int StringLength(int memoryClass)
        {
            return memoryClass == ClassPsram ? ConfigCodec.MaxCaPemLength : ConfigWorkspace.SmallStringLength;
        }

        /// <summary>The workspace a node of this class uses.</summary>
        public static ConfigWorkspace NewWorkspace(int memoryClass)
        {
            return new ConfigWorkspace(DocumentBytes(memoryClass), StringLength(memoryClass));
        }

        /// <summary>Bytes of the inbound mailbox (a whole desired-config message and some commands fit).</summary>
        public static int InboxBytes(int memoryClass)
        {
            return DocumentBytes(memoryClass) + InboxExtraBytes;
        }

        /// <summary>RAM ring cap of the queue for a memory class.</summary>
        public static int MaxQueueRamRecords(int memoryClass)
        {
            return memoryClass == ClassPsram ? PsramQueueRamRecords : SmallQueueRamRecords;
        }

        /// <summary>The plan for a validated <paramref name="config"/> on a board of <paramref name="memoryClass"/>.</summary>
        public static NodeMemoryPlan For(NodeConfig config, int memoryClass)
        {
            if (config == null)
            {
                throw new System.ArgumentNullException("config");
            }

            var settings = new NodeSettings();
            NodeServices.MapSizes(config, settings, memoryClass);
            return For(settings, MemoryPlan.For(NodeServices.PipelineFor(config)).TotalBytes, memoryClass);
        }

        /// <summary>The plan for mapped runtime settings and a pipeline of <paramref name="pipelineBytes"/>.</summary>
        public static NodeMemoryPlan For(NodeSettings settings, int pipelineBytes, int memoryClass)
        {
            var plan = new NodeMemoryPlan();
            int doc = DocumentBytes(memoryClass);
            plan.MemoryClass = memoryClass;
            plan.MaxDocumentBytes = doc;
            plan.PipelineBytes = pipelineBytes;
            // The encode buffer is the config workspace's (counted there).
            plan.RuntimeBufferBytes = InboxBytes(memoryClass);
            plan.QueueRamRecords = settings.QueueRamCapacity;
            plan.QueueBytes = StoreAndForwardQueue.PlannedBytes(settings.QueueRamCapacity, settings.SpillSegments > 0 ? settings.SpillSegmentRecords : 0);
            plan.ConfigBytes = ConfigWorkspace.PlannedBytes(doc, StringLength(memoryClass)) + ConfigStore.PlannedBytes(doc);
            plan.ObjectBytes = ObjectAllowanceBytes;
            plan.ProvisioningBytes = ProvisioningSession.ActiveBytes(doc);
            return plan;
        }
    }
}
