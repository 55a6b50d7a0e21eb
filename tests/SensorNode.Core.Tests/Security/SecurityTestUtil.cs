using SensorNode.Core.Security;

namespace SensorNode.Core.Tests.Security
{
    public static class SecurityTestUtil
    {
        public const string KeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

        public static byte[] Key()
        {
            return Hex.Decode(KeyHex);
        }

        public static byte[] OtherKey()
        {
            return Hex.Decode("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        }

        public const string CommandTopic = "sensornode/v1/s1/n1/cmd";
        public const string DesiredTopic = "sensornode/v1/s1/n1/config/desired";

        /// <summary>A signed command: {"id":..,"cmd":..,"ctr":..[,"args":..]} + sig.</summary>
        public static byte[] Command(string id, string cmd, long ctr, string argsJson)
        {
            string u = "{\"id\":\"" + id + "\",\"cmd\":\"" + cmd + "\",\"ctr\":" + ctr.ToString() + (argsJson == null ? "" : ",\"args\":" + argsJson) + "}";
            return MessageSigner.Sign(Key(), CommandTopic, System.Text.Encoding.UTF8.GetBytes(u));
        }

        /// <summary>A signed desired config: {"ctr":..,"config":..} + sig.</summary>
        public static byte[] Desired(long ctr, string configJson)
        {
            string u = "{\"ctr\":" + ctr.ToString() + ",\"config\":" + configJson + "}";
            return MessageSigner.Sign(Key(), DesiredTopic, System.Text.Encoding.UTF8.GetBytes(u));
        }
    }
}
