using nanoFramework.TestFramework;
using SensorNode.Core.Config;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Security;
using SensorNode.Core.Tests.Fakes;
using SensorNode.Core.Tests.Json;
using SensorNode.Core.Tests.Security;

namespace SensorNode.Core.Tests.Config
{
    [TestClass]
    public class DesiredConfigProcessorTests
    {
        private MemoryBlobStore _blobs;
        private ConfigStore _store;
        private InboundAuthenticator _auth;
        private DesiredConfigProcessor _processor;
        private NodeConfig _current;
        private ConfigAck _ack;

        private MemoryBlobStore _securityBlobs;

        private void Fresh()
        {
            _blobs = new MemoryBlobStore();
            // Replay counters on their own store, so a torn config write can be aimed at the config alone.
            _securityBlobs = new MemoryBlobStore();
            _store = new ConfigStore(_blobs);
            _current = ConfigSamples.Complete();
            Assert.IsTrue(_store.Save(_current));
            _auth = new InboundAuthenticator(new ReplayGuard(_securityBlobs), _current.CommandKey);
            _processor = new DesiredConfigProcessor(_store, _auth);
            _ack = new ConfigAck();
        }

        private int Send(byte[] payload)
        {
            return _processor.Process(SecurityTestUtil.DesiredTopic, payload, 0, payload.Length, _current, _ack);
        }

        private NodeConfig Reloaded()
        {
            var c = new NodeConfig();
            Assert.IsTrue(new ConfigStore(_blobs).Load(c, new FieldErrors()));
            return c;
        }

        [TestMethod]
        public void AppliesPersistsAndAcks()
        {
            Fresh();
            string before = ConfigHash.Compute(_current);
            Assert.AreEqual(ResultCode.Ok, Send(SecurityTestUtil.Desired(10, "{\"report\":{\"intervalS\":30},\"thresholds\":[{\"feature\":\"vrms\",\"warning\":3,\"alarm\":5}]}")));
            Assert.AreEqual(30, _current.ReportIntervalS);
            Assert.AreEqual(1, _current.ThresholdCount);
            Assert.AreEqual(30, Reloaded().ReportIntervalS);
            Assert.AreEqual(10L, _ack.Counter);
            Assert.AreEqual(ResultCode.Ok, _ack.Result);
            Assert.AreNotEqual(before, _ack.Hash);
            Assert.AreEqual(ConfigHash.Compute(_current), _ack.Hash);
        }

        [TestMethod]
        public void InvalidConfigIsRejectedAndTheOldOneKept()
        {
            Fresh();
            string before = ConfigHash.Compute(_current);
            Assert.AreEqual(ResultCode.InvalidConfig, Send(SecurityTestUtil.Desired(10, "{\"broker\":{\"port\":70000},\"report\":{\"intervalS\":30}}")));
            Assert.AreEqual(ResultCode.OutOfRange, _ack.Errors.CodeOf("broker.port"));
            Assert.AreEqual(60, _current.ReportIntervalS);
            Assert.AreEqual(60, Reloaded().ReportIntervalS);
            Assert.AreEqual(before, _ack.Hash);

            Assert.AreEqual(ResultCode.InvalidConfig, Send(SecurityTestUtil.Desired(11, "{\"accel\":{\"odrHz\":400}}")));
            Assert.AreEqual(ResultCode.Inconsistent, _ack.Errors.CodeOf("bands.velocity.hi"));
            Assert.AreEqual(3200, _current.AccelOdrHz);
        }

        [TestMethod]
        public void IdentityCannotMoveOverMqtt()
        {
            Fresh();
            Assert.AreEqual(ResultCode.InvalidConfig, Send(SecurityTestUtil.Desired(10, "{\"node\":{\"id\":\"n2\"}}")));
            Assert.AreEqual(ResultCode.NotSupported, _ack.Errors.CodeOf("node.id"));
            Assert.AreEqual("n1", _current.NodeId);
        }

        [TestMethod]
        public void UnsignedForgedAndReplayedAreRejected()
        {
            Fresh();
            byte[] unsigned = JsonTestUtil.Bytes("{\"ctr\":10,\"config\":{\"report\":{\"intervalS\":30}}}");
            Assert.AreEqual(ResultCode.Unsigned, Send(unsigned));
            byte[] forged = MessageSigner.Sign(SecurityTestUtil.OtherKey(), SecurityTestUtil.DesiredTopic, unsigned);
            Assert.AreEqual(ResultCode.BadSignature, Send(forged));
            byte[] otherTopic = MessageSigner.Sign(SecurityTestUtil.Key(), SecurityTestUtil.CommandTopic, unsigned);
            Assert.AreEqual(ResultCode.BadSignature, Send(otherTopic));
            Assert.AreEqual(60, _current.ReportIntervalS);

            byte[] first = SecurityTestUtil.Desired(10, "{\"report\":{\"intervalS\":30}}");
            Assert.AreEqual(ResultCode.Ok, Send(first));
            // The retained copy comes again after a reconnect: recognised, not re-applied, not counted.
            Assert.AreEqual(ResultCode.Unchanged, Send(first));
            Assert.AreEqual(ResultCode.Replayed, Send(SecurityTestUtil.Desired(9, "{\"report\":{\"intervalS\":20}}")));
            Assert.AreEqual(30, _current.ReportIntervalS);
            Assert.AreEqual(1, _auth.RejectedUnsigned);
            Assert.AreEqual(2, _auth.RejectedBadSignature);
            Assert.AreEqual(1, _auth.RejectedReplayed);

            // After a reboot the counters are still there.
            var rebooted = new DesiredConfigProcessor(_store, new InboundAuthenticator(new ReplayGuard(_securityBlobs), _current.CommandKey));
            byte[] old = SecurityTestUtil.Desired(9, "{\"report\":{\"intervalS\":20}}");
            Assert.AreEqual(ResultCode.Replayed, rebooted.Process(SecurityTestUtil.DesiredTopic, old, 0, old.Length, _current, _ack));
        }

        [TestMethod]
        public void SameContentIsUnchanged()
        {
            Fresh();
            Assert.AreEqual(ResultCode.Unchanged, Send(SecurityTestUtil.Desired(10, "{\"report\":{\"intervalS\":60}}")));
            Assert.AreEqual(1u, _store.Generation);
        }

        [TestMethod]
        public void StorageFailureKeepsTheOldConfig()
        {
            Fresh();
            _blobs.TearNextWriteAt = 100;
            Assert.AreEqual(ResultCode.StorageFailed, Send(SecurityTestUtil.Desired(10, "{\"report\":{\"intervalS\":30}}")));
            Assert.AreEqual(60, _current.ReportIntervalS);
            Assert.AreEqual(60, Reloaded().ReportIntervalS);
        }

        [TestMethod]
        public void EnvelopeIsStrict()
        {
            Fresh();
            byte[] p = MessageSigner.Sign(SecurityTestUtil.Key(), SecurityTestUtil.DesiredTopic, JsonTestUtil.Bytes("{\"ctr\":10,\"cfg\":{}}"));
            Assert.AreEqual(ResultCode.UnknownField, Send(p));
            Assert.AreEqual(ResultCode.JsonTrailingData, Send(JsonTestUtil.Bytes("{\"ctr\":1} x")));
            Assert.AreEqual(ResultCode.MissingField, Send(JsonTestUtil.Bytes("{\"config\":{}}")));
            Assert.AreEqual(ResultCode.UnsupportedVersion, Send(SecurityTestUtil.Desired(20, "{\"schema\":2}")));
        }

        [TestMethod]
        public void KeyRotationTakesEffect()
        {
            Fresh();
            Assert.AreEqual(ResultCode.Ok, Send(SecurityTestUtil.Desired(10, "{\"security\":{\"key\":\"ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\"}}")));
            Assert.AreEqual(ResultCode.BadSignature, Send(SecurityTestUtil.Desired(11, "{\"report\":{\"intervalS\":30}}")));
            byte[] withNewKey = MessageSigner.Sign(SecurityTestUtil.OtherKey(), SecurityTestUtil.DesiredTopic, JsonTestUtil.Bytes("{\"ctr\":12,\"config\":{\"report\":{\"intervalS\":30}}}"));
            Assert.AreEqual(ResultCode.Ok, Send(withNewKey));
        }
    }
}
