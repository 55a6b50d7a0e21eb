using nanoFramework.TestFramework;
using SensorNode.Core.Config;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Provisioning;
using SensorNode.Core.Security;
using SensorNode.Core.Tests.Config;
using SensorNode.Core.Tests.Fakes;
using SensorNode.Core.Tests.Json;
using SensorNode.Core.Tests.Security;

namespace SensorNode.Core.Tests.Provisioning
{
    [TestClass]
    public class ProvisioningSessionTests
    {
        private ScriptedSerialLine _serial;
        private MemoryBlobStore _blobs;
        private ConfigStore _store;
        private NodeConfig _current;
        private FakeProvisioningActions _actions;
        private ReplayGuard _replay;
        private ProvisioningSession _session;

        private void Fresh(bool provisioned)
        {
            _serial = new ScriptedSerialLine();
            _blobs = new MemoryBlobStore();
            _store = new ConfigStore(_blobs);
            _current = provisioned ? ConfigSamples.Complete() : new NodeConfig();
            if (provisioned)
            {
                Assert.IsTrue(_store.Save(_current));
            }

            _actions = new FakeProvisioningActions();
            _replay = new ReplayGuard(_blobs);
            _session = new ProvisioningSession(_serial, _store, _current, _actions, _replay);
        }

        /// <summary>Sends one line and returns the one response line, parsed.</summary>
        private JsonNode Ask(string line)
        {
            _serial.Send(line + "\n");
            while (_session.Poll() == 0 && _serial.Written == 0)
            {
                // Poll until the line was answered (Poll reads at most 256 bytes per call).
            }

            while (_session.Poll() > 0)
            {
            }

            string output = _serial.TakeOutput();
            _serial.Written = 0;
            Assert.IsTrue(output.Length > 1 && output[output.Length - 1] == '\n', "one response line");
            Assert.AreEqual(output.Length - 1, output.IndexOf('\n'), "exactly one line: " + output);
            JsonNode response = JsonTestUtil.Parse(output.Substring(0, output.Length - 1));
            Assert.IsNotNull(response, output);
            return response;
        }

        private static string Result(JsonNode response)
        {
            return response.Get("result").StringValue;
        }

        [TestMethod]
        public void HelloDescribesTheNode()
        {
            Fresh(true);
            JsonNode r = Ask("{\"id\":1,\"op\":\"hello\"}");
            Assert.AreEqual("ok", Result(r));
            Assert.AreEqual(1L, r.Get("id").IntegerValue);
            Assert.AreEqual("hello", r.Get("op").StringValue);
            Assert.AreEqual("n1", r.Get("node").StringValue);
            Assert.AreEqual("1.0.0", r.Get("fw").StringValue);
            Assert.AreEqual("esp32-devkitc", r.Get("board").StringValue);
            Assert.IsTrue(r.Get("provisioned").BoolValue);
            Assert.AreEqual(ConfigHash.Compute(_current), r.Get("hash").StringValue);
        }

        [TestMethod]
        public void ProvisionsAFreshNodeEndToEnd()
        {
            Fresh(false);
            JsonNode r = Ask("{\"op\":\"info\",\"id\":\"a\"}");
            Assert.IsFalse(r.Get("provisioned").BoolValue);
            Assert.AreEqual("a", r.Get("id").StringValue);

            r = Ask("{\"op\":\"commit\"}");
            Assert.AreEqual("nothing_to_commit", Result(r));

            r = Ask("{\"op\":\"set\",\"fields\":{\"node.id\":\"pump-7\",\"node.site\":\"plant1\",\"wifi.ssid\":\"plant\",\"wifi.password\":\"" + ConfigSamples.WifiSecret + "\"}}");
            Assert.AreEqual("ok", Result(r));
            r = Ask("{\"op\":\"validate\"}");
            Assert.AreEqual("invalid_config", Result(r));
            Assert.AreEqual("broker.host", r.Get("errors").ItemAt(0).Get("path").StringValue);
            Assert.AreEqual("missing_field", r.Get("errors").ItemAt(0).Get("code").StringValue);

            r = Ask("{\"op\":\"set\",\"config\":{\"broker\":{\"host\":\"10.0.0.2\",\"port\":8883,\"user\":\"pump-7\",\"password\":\"" + ConfigSamples.BrokerSecret + "\"},\"security\":{\"key\":\"" + SecurityTestUtil.KeyHex + "\"}}}");
            Assert.AreEqual("ok", Result(r));
            Assert.AreEqual("ok", Result(Ask("{\"op\":\"validate\"}")));
            Assert.AreEqual(0, _store.Generation);

            r = Ask("{\"op\":\"commit\"}");
            Assert.AreEqual("ok", Result(r));
            Assert.AreEqual(1, _actions.Commits);
            Assert.AreEqual("pump-7", _current.NodeId);
            var reloaded = new NodeConfig();
            Assert.IsTrue(new ConfigStore(_blobs).Load(reloaded, new FieldErrors()));
            Assert.AreEqual(ConfigSamples.BrokerSecret, reloaded.BrokerPassword);
            Assert.AreEqual(ConfigHash.Compute(reloaded), r.Get("hash").StringValue);
        }

        [TestMethod]
        public void GetIsRedacted()
        {
            Fresh(true);
            _serial.Send("{\"op\":\"get\"}\n");
            _session.Poll();
            string output = _serial.TakeOutput();
            Assert.AreEqual(-1, output.IndexOf(ConfigSamples.WifiSecret));
            Assert.AreEqual(-1, output.IndexOf(ConfigSamples.BrokerSecret));
            Assert.AreEqual(-1, output.IndexOf(SecurityTestUtil.KeyHex));
            JsonNode r = JsonTestUtil.Parse(output.Trim());
            Assert.IsTrue(r.Get("config").Get("wifi").Get("passwordSet").BoolValue);
            Assert.IsTrue(r.Get("config").Get("security").Get("keySet").BoolValue);
            Assert.AreEqual("n1", r.Get("config").Get("node").Get("id").StringValue);
        }

        [TestMethod]
        public void SetIsAllOrNothing()
        {
            Fresh(true);
            JsonNode r = Ask("{\"op\":\"set\",\"fields\":{\"report.intervalS\":30,\"broker.port\":0}}");
            Assert.AreEqual("invalid_config", Result(r));
            Assert.AreEqual("broker.port", r.Get("errors").ItemAt(0).Get("path").StringValue);
            Assert.AreEqual("out_of_range", r.Get("errors").ItemAt(0).Get("code").StringValue);
            Assert.IsFalse(_session.HasDraft);
            r = Ask("{\"op\":\"get\"}");
            Assert.AreEqual(60L, r.Get("config").Get("report").Get("intervalS").IntegerValue);
        }

        [TestMethod]
        public void DiscardDropsTheDraft()
        {
            Fresh(true);
            Assert.AreEqual("ok", Result(Ask("{\"op\":\"set\",\"fields\":{\"report.intervalS\":30}}")));
            Assert.IsTrue(Ask("{\"op\":\"get\"}").Get("draft").BoolValue);
            Assert.AreEqual("ok", Result(Ask("{\"op\":\"discard\"}")));
            Assert.AreEqual(60L, Ask("{\"op\":\"get\"}").Get("config").Get("report").Get("intervalS").IntegerValue);
        }

        [TestMethod]
        public void CommitWithFailingStorageKeepsTheOldConfig()
        {
            Fresh(true);
            Assert.AreEqual("ok", Result(Ask("{\"op\":\"set\",\"fields\":{\"report.intervalS\":30}}")));
            _blobs.FailWrites = true;
            Assert.AreEqual("storage_failed", Result(Ask("{\"op\":\"commit\"}")));
            Assert.AreEqual(60, _current.ReportIntervalS);
            Assert.AreEqual(0, _actions.Commits);
        }

        [TestMethod]
        public void NewKeyOverSerialResetsReplayCounters()
        {
            Fresh(true);
            _replay.Accept(ReplayGuard.ChannelCommand, 500, new byte[32]);
            Assert.AreEqual("ok", Result(Ask("{\"op\":\"set\",\"fields\":{\"security.key\":\"ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\"}}")));
            Assert.AreEqual("ok", Result(Ask("{\"op\":\"commit\"}")));
            Assert.AreEqual(0L, _replay.LastCounter(ReplayGuard.ChannelCommand));
        }

        [TestMethod]
        public void RebootAnswersFirst()
        {
            Fresh(true);
            Assert.AreEqual("ok", Result(Ask("{\"op\":\"reboot\"}")));
            Assert.AreEqual(1, _actions.Reboots);
        }

        [TestMethod]
        public void FactoryResetNeedsConfirmation()
        {
            Fresh(true);
            JsonNode r = Ask("{\"op\":\"factory_reset\"}");
            Assert.AreEqual("missing_field", Result(r));
            Assert.AreEqual("invalid_value", Result(Ask("{\"op\":\"factory_reset\",\"confirm\":false}")));
            Assert.AreEqual(0, _actions.FactoryResets);
            Assert.AreEqual("ok", Result(Ask("{\"op\":\"factory_reset\",\"confirm\":true}")));
            Assert.AreEqual(1, _actions.FactoryResets);
            Assert.AreEqual(1, _actions.Reboots);
            Assert.IsFalse(_blobs.Exists("config.a"));
            Assert.IsNull(_current.NodeId);
        }

        [TestMethod]
        public void LiveValuesAndBrokerTest()
        {
            Fresh(true);
            JsonNode r = Ask("{\"op\":\"live\"}");
            Assert.AreEqual("ok", Result(r));
            Assert.AreEqual(2.5, r.Get("values").Get("vrms").NumberValue);
            _actions.HasLiveValues = false;
            Assert.AreEqual("failed", Result(Ask("{\"op\":\"live\"}")));

            Assert.AreEqual("ok", Result(Ask("{\"op\":\"set\",\"fields\":{\"broker.host\":\"other.local\"}}")));
            r = Ask("{\"op\":\"test_broker\"}");
            Assert.AreEqual("ok", Result(r));
            Assert.AreEqual("other.local", _actions.LastTestedHost);
            _actions.BrokerReachable = false;
            r = Ask("{\"op\":\"test_broker\"}");
            Assert.AreEqual("failed", Result(r));
            Assert.AreEqual("connack 5", r.Get("msg").StringValue);
        }

        [TestMethod]
        [DataRow("hello", "json_unexpected_character")]
        [DataRow("{\"op\":\"hello\"", "json_unexpected_end")]
        [DataRow("[1,2]", "wrong_type")]
        [DataRow("{\"op\":\"format_disk\"}", "unknown_operation")]
        [DataRow("{\"op\":\"hello\",\"extra\":1}", "unknown_field")]
        [DataRow("{\"op\":7}", "wrong_type")]
        [DataRow("{}", "missing_field")]
        [DataRow("{\"op\":\"hello\",\"id\":{}}", "invalid_value")]
        [DataRow("{\"op\":\"set\"}", "missing_field")]
        [DataRow("{\"op\":\"set\",\"fields\":{\"a.b\":1},\"config\":{}}", "missing_field")]
        [DataRow("{\"op\":\"set\",\"fields\":{\"wifi.pass\":\"x\"}}", "invalid_config")]
        [DataRow("{\"op\":\"hello\",\"op\":\"get\"}", "json_duplicate_key")]
        public void GarbageGetsAClearError(string line, string expected)
        {
            Fresh(true);
            Assert.AreEqual(expected, Result(Ask(line)));
        }

        [TestMethod]
        public void PartialLinesAreJoinedAndCrLfAccepted()
        {
            Fresh(true);
            _serial.Send("{\"op\":");
            Assert.AreEqual(0, _session.Poll());
            _serial.Send("\"hello\"}\r");
            Assert.AreEqual(0, _session.Poll());
            _serial.Send("\n\n   \n{\"op\":\"info\"}\n");
            Assert.AreEqual(2, _session.Poll());
            string output = _serial.TakeOutput();
            Assert.IsTrue(output.IndexOf("\"op\":\"hello\",\"result\":\"ok\"") > 0);
            Assert.IsTrue(output.IndexOf("\"op\":\"info\",\"result\":\"ok\"") > 0);
        }

        [TestMethod]
        public void OversizeLineIsDiscardedAndReported()
        {
            Fresh(true);
            var junk = new byte[ProvisioningSession.MaxLineBytes + 500];
            for (int i = 0; i < junk.Length; i++)
            {
                junk[i] = (byte)'x';
            }

            _session.Feed(junk, 0, junk.Length);
            Assert.AreEqual("", _serial.TakeOutput());
            byte[] tail = JsonTestUtil.Bytes("yyy\n{\"op\":\"hello\"}\n");
            Assert.AreEqual(2, _session.Feed(tail, 0, tail.Length));
            string output = _serial.TakeOutput();
            Assert.IsTrue(output.StartsWith("{\"result\":\"line_too_long\""));
            Assert.IsTrue(output.IndexOf("\"op\":\"hello\",\"result\":\"ok\"") > 0);
            Assert.AreEqual(1, _session.OversizeLines);
            Assert.AreEqual(0, _session.InternalErrors);
        }

        [TestMethod]
        public void BinaryNoiseNeverBreaksTheSession()
        {
            Fresh(true);
            var noise = new byte[4096];
            uint x = 12345;
            for (int i = 0; i < noise.Length; i++)
            {
                x = x * 1103515245 + 12345;
                noise[i] = (byte)(x >> 16);
            }

            _session.Feed(noise, 0, noise.Length);
            _serial.TakeOutput();
            byte[] hello = JsonTestUtil.Bytes("\n{\"op\":\"hello\"}\n");
            _session.Feed(hello, 0, hello.Length);
            Assert.IsTrue(_serial.TakeOutput().IndexOf("\"op\":\"hello\",\"result\":\"ok\"") > 0);
            Assert.AreEqual(0, _session.InternalErrors);
        }
    }
}
