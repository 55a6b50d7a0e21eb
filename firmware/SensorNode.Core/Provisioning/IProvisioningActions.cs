using SensorNode.Core.Config;
using SensorNode.Core.Json;

namespace SensorNode.Core.Provisioning
{
    /// <summary>
    /// What the serial provisioning session needs from the running node. The runtime implements it; every
    /// member must return quickly and never throw.
    /// </summary>
    public interface IProvisioningActions
    {
        /// <summary>Firmware version, e.g. "1.0.0".</summary>
        string FirmwareVersion { get; }

        /// <summary>Board profile name, e.g. "esp32-devkitc".</summary>
        string Board { get; }

        /// <summary>Node state as in the health message ("provisioning", "running", ...).</summary>
        string State { get; }

        /// <summary>Restarts the device. Called after the response has been written.</summary>
        void Reboot();

        /// <summary>Clears node state beyond config and replay counters (e.g. the spilled queue, baselines).
        /// The session has already erased the stored config. True on success.</summary>
        bool FactoryReset();

        /// <summary>Writes the latest measured values as ONE JSON value (an object) with <paramref name="w"/>;
        /// false when there are none yet.</summary>
        bool WriteLiveValues(JsonWriter w);

        /// <summary>Tries to connect to the broker of <paramref name="config"/> (then disconnects). Returns
        /// ResultCode.Ok or ResultCode.Failed, and a short detail without secrets (e.g. "connack 5",
        /// "dns failed").</summary>
        int TestBroker(NodeConfig config, out string detail);

        /// <summary>A new config was committed and persisted; apply it (the node may restart its cycle or reboot).</summary>
        void ConfigCommitted(NodeConfig config);
    }
}
