package wmjson_test

import (
	"fmt"

	"github.com/wxcrypto/wxcrypto/internal/wmjson"
)

func ExampleScan() {
	fmt.Println(wmjson.Scan([]byte(`{"nickName":"Band","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}`)))
	// Two watermarks: encoding/json would merge them, JavaScript keep the last.
	fmt.Println(wmjson.Scan([]byte(`{"watermark":{"appid":"evil","timestamp":1},"watermark":{"appid":"wxAPP"}}`)))
	// A name that folds to "timestamp" (long s).
	fmt.Println(wmjson.Scan([]byte(`{"watermark":{"appid":"a","timestamp":1,"time\u017ftamp":2}}`)))
	fmt.Println(wmjson.Scan([]byte(`{"watermark":{"appid":"a","timestamp":1}} trailing`)))
	// Output:
	// wx4f4bc4dec97d474b 1477314187 <nil>
	//  0 no single well-formed watermark
	//  0 no single well-formed watermark
	//  0 not a JSON object in UTF-8
}
