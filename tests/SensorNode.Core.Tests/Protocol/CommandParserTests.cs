using nanoFramework.TestFramework;
using SensorNode.Core.Protocol;
using SensorNode.Core.Security;
using SensorNode.Core.Tests.Fakes;
using SensorNode.Core.Tests.Json;
using SensorNode.Core.Tests.Security;

namespace SensorNode.Core.Tests.Protocol
{
    [TestClass]
    public class CommandParserTests
    {
        private static InboundAuthenticator NewAuth()
        {
            return new InboundAuthenticator(new ReplayGuard(new MemoryBlobStore()), SecurityTestUtil.Key());
        }

        private static int Parse(InboundAuthenticator auth, byte[] payload, Command cmd, CommandParser parser)
        {
            return parser.Parse(auth, SecurityTestUtil.CommandTopic, payload, 0, payload.Length, cmd);
        }

        [TestMethod]
        [DataRow("rebirth", Command.Rebirth)]
        [DataRow("spectrum", Command.Spectrum)]
        [DataRow("identify", Command.Identify)]
        [DataRow("reboot", Command.Reboot)]
        [DataRow("baseline_start", Command.BaselineStart)]
        [DataRow("baseline_stop", Command.BaselineStop)]
        [DataRow("clear_alarms", Command.ClearAlarms)]
        public void AcceptsEverySignedCommand(string name, int kind)
        {
            var cmd = new Command();
            var parser = new CommandParser();
            Assert.AreEqual(ResultCode.Ok, Parse(NewAuth(), SecurityTestUtil.Command("c-1", name, 1, null), cmd, parser));
            Assert.AreEqual(kind, cmd.Kind);
            Assert.AreEqual("c-1", cmd.Id);
            Assert.AreEqual(1L, cmd.Counter);
            Assert.AreEqual(name, cmd.Name);
        }

        [TestMethod]
        public void ReadsArguments()
        {
            var cmd = new Command();
            var parser = new CommandParser();
            InboundAuthenticator auth = NewAuth();
            Assert.AreEqual(ResultCode.Ok, Parse(auth, SecurityTestUtil.Command("s", "spectrum", 1, "{\"axis\":\"z\",\"kind\":\"envelope\",\"maxHz\":500}"), cmd, parser));
            Assert.AreEqual(2, cmd.Axis);
            Assert.AreEqual("envelope", cmd.SpectrumKind);
            Assert.AreEqual(500f, cmd.MaxHz);
            Assert.AreEqual(ResultCode.Ok, Parse(auth, SecurityTestUtil.Command("i", "identify", 2, "{\"seconds\":30}"), cmd, parser));
            Assert.AreEqual(30, cmd.Seconds);
            Assert.AreEqual(ResultCode.Ok, Parse(auth, SecurityTestUtil.Command("b", "baseline_start", 3, "{\"windows\":120}"), cmd, parser));
            Assert.AreEqual(120, cmd.Windows);
            Assert.AreEqual(ResultCode.Ok, Parse(auth, SecurityTestUtil.Command("d", "identify", 4, null), cmd, parser));
            Assert.AreEqual(10, cmd.Seconds);
        }

        [TestMethod]
        [DataRow("spectrum", "{\"axis\":\"w\"}", ResultCode.InvalidValue, "args.axis")]
        [DataRow("spectrum", "{\"kind\":\"raw\"}", ResultCode.InvalidValue, "args.kind")]
        [DataRow("spectrum", "{\"maxHz\":-1}", ResultCode.OutOfRange, "args.maxHz")]
        [DataRow("spectrum", "{\"bins\":10}", ResultCode.UnknownField, "args.bins")]
        [DataRow("identify", "{\"seconds\":0}", ResultCode.OutOfRange, "args.seconds")]
        [DataRow("identify", "{\"seconds\":\"5\"}", ResultCode.WrongType, "args.seconds")]
        [DataRow("identify", "{\"seconds\":1.5}", ResultCode.WrongType, "args.seconds")]
        [DataRow("reboot", "{\"now\":true}", ResultCode.UnknownField, "args.now")]
        [DataRow("reboot", "[]", ResultCode.WrongType, "args")]
        [DataRow("selfdestruct", null, ResultCode.UnknownCommand, "cmd")]
        public void RejectsBadContentWithFieldAndCode(string name, string args, int code, string path)
        {
            var cmd = new Command();
            var parser = new CommandParser();
            Assert.AreEqual(code, Parse(NewAuth(), SecurityTestUtil.Command("c-1", name, 1, args), cmd, parser));
            Assert.AreEqual(path, parser.Errors[0].Path);
        }

        [TestMethod]
        public void UnknownTopLevelMemberIsRejected()
        {
            var parser = new CommandParser();
            string u = "{\"id\":\"c\",\"cmd\":\"reboot\",\"ctr\":1,\"extra\":1}";
            byte[] p = MessageSigner.Sign(SecurityTestUtil.Key(), SecurityTestUtil.CommandTopic, JsonTestUtil.Bytes(u));
            Assert.AreEqual(ResultCode.UnknownField, Parse(NewAuth(), p, new Command(), parser));
            Assert.AreEqual("extra", parser.Errors[0].Path);
        }

        [TestMethod]
        public void UnsignedWrongAndReplayedAreRejectedAndCounted()
        {
            InboundAuthenticator auth = NewAuth();
            var parser = new CommandParser();
            var cmd = new Command();
            Assert.AreEqual(ResultCode.Unsigned, Parse(auth, JsonTestUtil.Bytes("{\"id\":\"c\",\"cmd\":\"reboot\",\"ctr\":1}"), cmd, parser));
            Assert.AreEqual("c", cmd.Id);
            Assert.AreEqual(Command.Reboot, cmd.Kind);

            byte[] good = SecurityTestUtil.Command("c", "reboot", 5, null);
            byte[] forged = MessageSigner.Sign(SecurityTestUtil.OtherKey(), SecurityTestUtil.CommandTopic, JsonTestUtil.Bytes("{\"id\":\"c\",\"cmd\":\"reboot\",\"ctr\":6}"));
            Assert.AreEqual(ResultCode.BadSignature, Parse(auth, forged, cmd, parser));
            Assert.AreEqual(ResultCode.Ok, Parse(auth, good, cmd, parser));
            Assert.AreEqual(ResultCode.Unchanged, Parse(auth, good, cmd, parser));
            Assert.AreEqual(ResultCode.Replayed, Parse(auth, SecurityTestUtil.Command("c", "reboot", 4, null), cmd, parser));
            Assert.AreEqual(ResultCode.Replayed, Parse(auth, SecurityTestUtil.Command("c", "identify", 5, null), cmd, parser));
            Assert.AreEqual(ResultCode.Ok, Parse(auth, SecurityTestUtil.Command("c", "identify", 6, null), cmd, parser));
            Assert.AreEqual(1, auth.RejectedUnsigned);
            Assert.AreEqual(1, auth.RejectedBadSignature);
            Assert.AreEqual(2, auth.RejectedReplayed);

            var health = new HealthSnapshot();
            auth.CopyCountersTo(health);
            Assert.AreEqual(4, health.RejectedSignatures);
        }

        [TestMethod]
        public void WithoutKeyEverySignedCommandIsRefused()
        {
            var auth = new InboundAuthenticator(new ReplayGuard(new MemoryBlobStore()), null);
            Assert.AreEqual(ResultCode.NoKey, Parse(auth, SecurityTestUtil.Command("c", "reboot", 1, null), new Command(), new CommandParser()));
        }

        [TestMethod]
        [DataRow("{\"id\":\"c\",\"cmd\":\"reboot\"}", ResultCode.MissingField)]
        [DataRow("{\"id\":\"c\",\"cmd\":\"reboot\",\"ctr\":0}", ResultCode.OutOfRange)]
        [DataRow("{\"id\":\"c\",\"cmd\":\"reboot\",\"ctr\":9007199254740992}", ResultCode.OutOfRange)]
        [DataRow("{\"id\":\"c\",\"cmd\":\"reboot\",\"ctr\":\"1\"}", ResultCode.WrongType)]
        [DataRow("{\"id\":\"c\",\"cmd\":\"reboot\",\"ctr\":1,\"ctr\":2}", ResultCode.JsonDuplicateKey)]
        [DataRow("[\"reboot\"]", ResultCode.WrongType)]
        [DataRow("{\"id\":\"c\"", ResultCode.JsonUnexpectedEnd)]
        [DataRow("", ResultCode.JsonEmpty)]
        public void RejectsMalformedEnvelopes(string json, int code)
        {
            byte[] p = JsonTestUtil.Bytes(json);
            Assert.AreEqual(code, Parse(NewAuth(), p, new Command(), new CommandParser()));
        }

        [TestMethod]
        public void OversizePayloadIsRejected()
        {
            var p = new byte[CommandParser.MaxPayloadBytes + 1];
            Assert.AreEqual(ResultCode.JsonTooLarge, Parse(NewAuth(), p, new Command(), new CommandParser()));
        }

        [TestMethod]
        public void AckCarriesIdNameAndReason()
        {
            var parser = new CommandParser();
            var cmd = new Command();
            int result = Parse(NewAuth(), SecurityTestUtil.Command("c-7", "identify", 1, "{\"seconds\":0}"), cmd, parser);
            var ack = new CommandAck();
            parser.FillAck(cmd, result, ack);
            Assert.AreEqual("c-7", ack.Id);
            Assert.AreEqual("identify", ack.Command);
            Assert.AreEqual(ResultCode.OutOfRange, ack.Result);
            Assert.AreEqual("args.seconds: out of range", ack.Message);
        }
    }
}
