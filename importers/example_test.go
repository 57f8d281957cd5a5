package importers_test

import (
	"fmt"

	"github.com/relmap/relmap/importers"
)

// Connections.csv percent-encodes a slug that messages.csv and the endorsement files write
// raw (and without a scheme): all three normalise to one key.
func ExampleNormalizeURL() {
	fmt.Println(importers.NormalizeURL("https://www.linkedin.com/in/zo%C3%AB-brandt-ili%C4%87-77a0b1c2"))
	fmt.Println(importers.NormalizeURL("https://www.linkedin.com/in/zoë-brandt-ilić-77a0b1c2"))
	fmt.Println(importers.NormalizeURL("www.linkedin.com/in/zoë-brandt-ilić-77a0b1c2/"))
	// Output:
	// www.linkedin.com/in/zoë-brandt-ilić-77a0b1c2
	// www.linkedin.com/in/zoë-brandt-ilić-77a0b1c2
	// www.linkedin.com/in/zoë-brandt-ilić-77a0b1c2
}

func ExampleNormalizeName() {
	fmt.Println(importers.NormalizeName("Dr. Ines Varga, PhD"))
	fmt.Println(importers.NormalizeName("Tobias Quell "))
	// Output:
	// ines varga
	// tobias quell
}
