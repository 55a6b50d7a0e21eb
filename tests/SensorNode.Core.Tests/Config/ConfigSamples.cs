using SensorNode.Core.Config;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Tests.Json;
using SensorNode.Core.Tests.Security;

namespace SensorNode.Core.Tests.Config
{
    public static class ConfigSamples
    {
        public const string WifiSecret = "wifi-Secret-4711";
        public const string BrokerSecret = "broker-Secret-0815";

        /// <summary>A complete, valid config document (secrets included).</summary>
        public static string CompleteJson()
        {
            return "{\"schema\":1,"
                + "\"node\":{\"id\":\"n1\",\"site\":\"s1\",\"asset\":\"Pump 3\"},"
                + "\"wifi\":{\"ssid\":\"plant-wifi\",\"password\":\"" + WifiSecret + "\"},"
                + "\"broker\":{\"host\":\"broker.plant.local\",\"port\":8883,\"tls\":true,\"user\":\"n1\",\"password\":\"" + BrokerSecret + "\"},"
                + "\"security\":{\"key\":\"" + SecurityTestUtil.KeyHex + "\"},"
                + "\"accel\":{\"rangeG\":4,\"odrHz\":3200},"
                + "\"sampling\":{\"fftSize\":2048,\"burst\":4096,\"currentRateHz\":2000,\"currentSamples\":2048},"
                + "\"bands\":{\"velocity\":{\"lo\":10,\"hi\":1000},\"hf\":{\"lo\":1000,\"hi\":1600},\"envelope\":{\"lo\":500,\"hi\":1500}},"
                + "\"iso\":{\"standard\":\"10816-3\",\"class\":\"II\",\"group\":2,\"foundation\":\"rigid\"},"
                + "\"bearing\":{\"n\":9,\"d\":7.94,\"D\":39.04,\"angle\":0},"
                + "\"shaft\":{\"mode\":\"fixed\",\"rpm\":1480},"
                + "\"ct\":{\"enabled\":true,\"turns\":2000,\"burdenOhm\":33,\"adcRefV\":3.3,\"gain\":1,\"offset\":0,\"nominalV\":400,\"pf\":0.85,\"lineHz\":50},"
                + "\"running\":{\"threshold\":0.5,\"hysteresis\":0.1},"
                + "\"thresholds\":[{\"feature\":\"vrms\",\"axis\":\"all\",\"warning\":4.5,\"alarm\":7.1,\"hysteresis\":0.2,\"onDelay\":2},{\"feature\":\"temp\",\"warning\":70,\"alarm\":85}],"
                + "\"baseline\":{\"windows\":300,\"k\":2,\"cap\":0},"
                + "\"report\":{\"intervalS\":60,\"alarmIntervalS\":10,\"healthIntervalS\":300},"
                + "\"temp\":{\"smoothing\":0.2},"
                + "\"queue\":{\"capacity\":64,\"spill\":true,\"spillCapacity\":1024}}";
        }

        public static NodeConfig Complete()
        {
            var c = new NodeConfig();
            var errors = new FieldErrors();
            JsonNode doc = JsonTestUtil.Parse(CompleteJson());
            ConfigCodec.Apply(doc, c, errors);
            return c;
        }
    }
}
