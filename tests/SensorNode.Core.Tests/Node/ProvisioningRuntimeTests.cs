using nanoFramework.TestFramework;
using SensorNode.Core.Node;
using SensorNode.Core.Tests.Config;

namespace SensorNode.Core.Tests.Node
{
    /// <summary>A fresh node provisioned over the (fake) serial line through the real provisioning session.</summary>
    [TestClass]
    public class ProvisioningRuntimeTests
    {
        [TestMethod]
        public void CommitOverSerialStartsTheNodeWithoutReboot()
        {
            RuntimeRig rig = RuntimeRig.WithServices(null);
            rig.RunFor(2000);
            Assert.AreEqual(NodeState.Provisioning, rig.Runtime.State);

            rig.Serial.Feed("{\"id\":1,\"op\":\"hello\"}\n");
            rig.RunFor(500);
            string hello = rig.Serial.TakeOutput();
            Assert.Contains("provisioning", hello);

            rig.Serial.Feed("{\"id\":2,\"op\":\"set\",\"config\":" + ConfigSamples.CompleteJson() + "}\n");
            rig.RunFor(3000);
            rig.Serial.Feed("{\"id\":3,\"op\":\"commit\"}\n");
            rig.RunFor(3000);
            string answers = rig.Serial.TakeOutput();
            Assert.DoesNotContains(ConfigSamples.BrokerSecret, answers);
            Assert.DoesNotContains(ConfigSamples.WifiSecret, answers);

            rig.RunFor(5000);
            Assert.AreEqual(NodeState.Running, rig.Runtime.State);
            Assert.AreEqual(0, rig.System.RebootCount);
            Assert.AreEqual("sensornode/v1/s1/n1/status", rig.Mqtt.LastOptions.WillTopic);

            rig.Serial.Feed("{\"id\":4,\"op\":\"live\"}\n");
            rig.RunFor(500);
            string live = rig.Serial.TakeOutput();
            Assert.Contains("vrms", live);
            Assert.Contains("running", FakeStatus(rig));
        }

        private static string FakeStatus(RuntimeRig rig)
        {
            rig.Serial.Feed("{\"id\":5,\"op\":\"info\"}\n");
            rig.RunFor(500);
            return rig.Serial.TakeOutput();
        }
    }
}
