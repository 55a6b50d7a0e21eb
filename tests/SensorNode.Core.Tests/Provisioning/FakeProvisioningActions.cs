using SensorNode.Core.Config;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Provisioning;

namespace SensorNode.Core.Tests.Provisioning
{
    /// <summary>Records what the session asked the node to do.</summary>
    public sealed class FakeProvisioningActions : IProvisioningActions
    {
        public int Reboots;
        public int FactoryResets;
        public int Commits;
        public int BrokerTests;
        public bool BrokerReachable = true;
        public bool HasLiveValues = true;
        public NodeConfig LastCommitted;
        public string LastTestedHost;

        public string FirmwareVersion => "1.0.0";

        public string Board => "esp32-devkitc";

        public string State => "provisioning";

        public void Reboot()
        {
            Reboots++;
        }

        public bool FactoryReset()
        {
            FactoryResets++;
            return true;
        }

        public bool WriteLiveValues(JsonWriter w)
        {
            if (!HasLiveValues)
            {
                return false;
            }

            w.BeginObject();
            w.Prop("vrms", 2.5f);
            w.Prop("temp", 41.5f);
            w.EndObject();
            return true;
        }

        public int TestBroker(NodeConfig config, out string detail)
        {
            BrokerTests++;
            LastTestedHost = config.BrokerHost;
            detail = BrokerReachable ? "connected" : "connack 5";
            return BrokerReachable ? ResultCode.Ok : ResultCode.Failed;
        }

        public void ConfigCommitted(NodeConfig config)
        {
            Commits++;
            LastCommitted = config;
        }
    }
}
