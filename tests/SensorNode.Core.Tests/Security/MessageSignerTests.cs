using System.Security.Cryptography;
using nanoFramework.TestFramework;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Security;
using SensorNode.Core.Tests.Fakes;
using SensorNode.Core.Tests.Json;

namespace SensorNode.Core.Tests.Security
{
    [TestClass]
    public class MessageSignerTests
    {
        private static int VerifyText(byte[] key, string topic, byte[] payload)
        {
            JsonNode root = new JsonParser(4096, 8, 256, 256).Parse(payload, 0, payload.Length);
            return MessageSigner.Verify(key, topic, payload, 0, payload.Length, root);
        }

        [TestMethod]
        public void HmacSha256MatchesRfc4231TestCase2()
        {
            byte[] mac = HMACSHA256.HashData(JsonTestUtil.Bytes("Jefe"), JsonTestUtil.Bytes("what do ya want for nothing?"));
            Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.Encode(mac));
        }

        [TestMethod]
        public void SignedBytesAreTopicNewlineAndUnsignedPayload()
        {
            byte[] key = SecurityTestUtil.Key();
            string unsignedJson = "{\"id\":\"a\",\"cmd\":\"reboot\",\"ctr\":5}";
            byte[] signed = MessageSigner.Sign(key, SecurityTestUtil.CommandTopic, JsonTestUtil.Bytes(unsignedJson));
            byte[] mac = HMACSHA256.HashData(key, JsonTestUtil.Bytes(SecurityTestUtil.CommandTopic + "\n" + unsignedJson));
            Assert.AreEqual("{\"id\":\"a\",\"cmd\":\"reboot\",\"ctr\":5,\"sig\":\"" + Hex.Encode(mac) + "\"}", JsonTestUtil.Text(signed, 0, signed.Length));
        }

        [TestMethod]
        public void KnownVectorForHosts()
        {
            // Published in docs/protocol.md so host implementations can check themselves.
            string s = MessageSigner.SignString(SecurityTestUtil.Key(), SecurityTestUtil.CommandTopic, "{\"id\":\"c-1\",\"cmd\":\"rebirth\",\"ctr\":1}");
            Assert.AreEqual("{\"id\":\"c-1\",\"cmd\":\"rebirth\",\"ctr\":1,\"sig\":\"7cc897dcc7a5262e2ecaccf901fd0ab9e7c3f4567370b32f25b1b412a18db1ab\"}", s);
            Assert.AreEqual("7cc897dcc7a5262e2ecaccf901fd0ab9e7c3f4567370b32f25b1b412a18db1ab", ExpectedVectorSignature());
        }

        private static string ExpectedVectorSignature()
        {
            byte[] mac = HMACSHA256.HashData(SecurityTestUtil.Key(), JsonTestUtil.Bytes(SecurityTestUtil.CommandTopic + "\n{\"id\":\"c-1\",\"cmd\":\"rebirth\",\"ctr\":1}"));
            return Hex.Encode(mac);
        }

        [TestMethod]
        public void VerifiesWhatItSigned()
        {
            byte[] p = SecurityTestUtil.Command("c1", "reboot", 9, null);
            Assert.AreEqual(ResultCode.Ok, VerifyText(SecurityTestUtil.Key(), SecurityTestUtil.CommandTopic, p));
        }

        [TestMethod]
        public void AnyChangedByteBreaksTheSignature()
        {
            byte[] p = SecurityTestUtil.Command("c1", "identify", 9, "{\"seconds\":30}");
            int sigStart = JsonTestUtil.Text(p, 0, p.Length).IndexOf(",\"sig\"");
            for (int i = 0; i < sigStart; i++)
            {
                var copy = new byte[p.Length];
                System.Array.Copy(p, copy, p.Length);
                copy[i] = (byte)(copy[i] == (byte)'1' ? '2' : '1');
                JsonNode root = new JsonParser(4096, 8, 256, 256).Parse(copy, 0, copy.Length);
                if (root == null)
                {
                    continue; // no longer JSON: rejected before the signature matters
                }

                Assert.AreNotEqual(ResultCode.Ok, MessageSigner.Verify(SecurityTestUtil.Key(), SecurityTestUtil.CommandTopic, copy, 0, copy.Length, root), "byte " + i.ToString());
            }
        }

        [TestMethod]
        public void RejectsOtherTopicKeyMissingAndMisplacedSignatures()
        {
            byte[] p = SecurityTestUtil.Command("c1", "reboot", 9, null);
            Assert.AreEqual(ResultCode.BadSignature, VerifyText(SecurityTestUtil.Key(), "sensornode/v1/s1/n2/cmd", p));
            Assert.AreEqual(ResultCode.BadSignature, VerifyText(SecurityTestUtil.OtherKey(), SecurityTestUtil.CommandTopic, p));
            Assert.AreEqual(ResultCode.NoKey, VerifyText(null, SecurityTestUtil.CommandTopic, p));
            Assert.AreEqual(ResultCode.Unsigned, VerifyText(SecurityTestUtil.Key(), SecurityTestUtil.CommandTopic, JsonTestUtil.Bytes("{\"id\":\"c1\",\"cmd\":\"reboot\",\"ctr\":9}")));

            string text = JsonTestUtil.Text(p, 0, p.Length);
            int at = text.IndexOf(",\"sig\"");
            string sigMember = text.Substring(at + 1, text.Length - at - 2);
            string moved = "{" + sigMember + "," + text.Substring(1, at - 1) + "}";
            Assert.AreEqual(ResultCode.BadSignature, VerifyText(SecurityTestUtil.Key(), SecurityTestUtil.CommandTopic, JsonTestUtil.Bytes(moved)));
            string shortSig = "{\"ctr\":1,\"sig\":\"abcd\"}";
            Assert.AreEqual(ResultCode.BadSignature, VerifyText(SecurityTestUtil.Key(), SecurityTestUtil.CommandTopic, JsonTestUtil.Bytes(shortSig)));
            string notHex = "{\"ctr\":1,\"sig\":\"" + new string('z', 64) + "\"}";
            Assert.AreEqual(ResultCode.BadSignature, VerifyText(SecurityTestUtil.Key(), SecurityTestUtil.CommandTopic, JsonTestUtil.Bytes(notHex)));
        }

        [TestMethod]
        public void SignRefusesWhatCannotBeSigned()
        {
            Assert.ThrowsException(typeof(System.ArgumentException), () => MessageSigner.Sign(SecurityTestUtil.Key(), "t", JsonTestUtil.Bytes("{}")));
            Assert.ThrowsException(typeof(System.ArgumentException), () => MessageSigner.Sign(SecurityTestUtil.Key(), "t", JsonTestUtil.Bytes("[1]")));
            Assert.ThrowsException(typeof(System.ArgumentException), () => MessageSigner.Sign(new byte[5], "t", JsonTestUtil.Bytes("{\"a\":1}")));
        }

        [TestMethod]
        public void FixedTimeEqualsComparesContent()
        {
            Assert.IsTrue(MessageSigner.FixedTimeEquals(new byte[] { 1, 2 }, new byte[] { 1, 2 }));
            Assert.IsFalse(MessageSigner.FixedTimeEquals(new byte[] { 1, 2 }, new byte[] { 1, 3 }));
            Assert.IsFalse(MessageSigner.FixedTimeEquals(new byte[] { 1, 2 }, new byte[] { 1, 2, 3 }));
            Assert.IsFalse(MessageSigner.FixedTimeEquals(null, new byte[] { 1 }));
        }
    }

    [TestClass]
    public class ReplayGuardTests
    {
        private static byte[] Sig(byte b)
        {
            var s = new byte[32];
            s[0] = b;
            return s;
        }

        [TestMethod]
        public void CountersMustIncreasePerChannel()
        {
            var guard = new ReplayGuard(new MemoryBlobStore());
            Assert.AreEqual(ResultCode.Ok, guard.Check(ReplayGuard.ChannelCommand, 1, Sig(1)));
            Assert.IsTrue(guard.Accept(ReplayGuard.ChannelCommand, 5, Sig(1)));
            Assert.AreEqual(ResultCode.Replayed, guard.Check(ReplayGuard.ChannelCommand, 4, Sig(2)));
            Assert.AreEqual(ResultCode.Replayed, guard.Check(ReplayGuard.ChannelCommand, 5, Sig(2)));
            Assert.AreEqual(ResultCode.Unchanged, guard.Check(ReplayGuard.ChannelCommand, 5, Sig(1)));
            Assert.AreEqual(ResultCode.Ok, guard.Check(ReplayGuard.ChannelCommand, 6, Sig(3)));
            Assert.AreEqual(ResultCode.Ok, guard.Check(ReplayGuard.ChannelConfig, 1, Sig(3)));
        }

        [TestMethod]
        public void CountersSurviveARebootAndATornWrite()
        {
            var store = new MemoryBlobStore();
            var guard = new ReplayGuard(store);
            guard.Accept(ReplayGuard.ChannelConfig, 100, Sig(7));
            store.TearNextWriteAt = 30;
            Assert.IsFalse(guard.Accept(ReplayGuard.ChannelConfig, 200, Sig(8)));

            var rebooted = new ReplayGuard(store);
            Assert.AreEqual(100L, rebooted.LastCounter(ReplayGuard.ChannelConfig));
            Assert.AreEqual(ResultCode.Replayed, rebooted.Check(ReplayGuard.ChannelConfig, 99, Sig(9)));
            Assert.AreEqual(ResultCode.Unchanged, rebooted.Check(ReplayGuard.ChannelConfig, 100, Sig(7)));
            rebooted.Reset();
            Assert.AreEqual(0L, new ReplayGuard(store).LastCounter(ReplayGuard.ChannelConfig));
        }
    }
}
